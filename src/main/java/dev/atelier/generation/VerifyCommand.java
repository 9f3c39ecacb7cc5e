package dev.atelier.generation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code atelier verify <asset-file> <manifest-file> [--key <jwk-file>]}: verifies an asset against its manifest
 * offline, without Spring, with the public key from {@code --key} (a JWK or a JWK Set holding one Ed25519 key, as
 * {@code GET /.well-known/atelier-signing-key} serves it) or else the one in {@code <data-dir>/keys/}.
 *
 * <p>Exit codes: 0 valid, 1 invalid, 2 usage error (including unreadable files or key).
 */
public final class VerifyCommand {

    static final String USAGE = """
            Usage: atelier verify <asset-file> <manifest-file> [--key <jwk-file> | --data-dir <dir>]
              Checks that the manifest was signed by the platform and that the asset is the one it describes.
              The key is the JWK from --key (GET /.well-known/atelier-signing-key serves it), else the public key
              in <dir>/keys/ (default: $ATELIER_DATA_DIR, else ./data).""";

    private VerifyCommand() {
    }

    /**
     * @param args the arguments after {@code verify}, without {@code --data-dir}
     * @return the exit code
     */
    public static int run(List<String> args, Path dataDir, PrintStream out, PrintStream err) {
        var files = new ArrayList<String>();
        String keyFile = null;
        for (var i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--key")) {
                if (i + 1 == args.size()) {
                    return usage(err, "--key needs a JWK file.");
                }
                keyFile = args.get(++i);
            } else if (args.get(i).startsWith("-")) {
                return usage(err, "Unknown option " + args.get(i) + ".");
            } else {
                files.add(args.get(i));
            }
        }
        if (files.size() != 2) {
            return usage(err, "Give the asset file and its manifest file.");
        }
        byte[] asset;
        byte[] manifest;
        try {
            asset = Files.readAllBytes(Path.of(files.get(0)));
            manifest = Files.readAllBytes(Path.of(files.get(1)));
        } catch (IOException e) {
            return usage(err, "Could not read " + e.getMessage() + ".");
        }
        PublicJwk key;
        String keySource;
        try {
            if (keyFile != null) {
                var json = ManifestVerifier.json(Files.readAllBytes(Path.of(keyFile)))
                        .orElseThrow(() -> new IllegalArgumentException("it is not JSON"));
                key = PublicJwk.read(json);
                keySource = keyFile;
            } else {
                var file = SigningKey.keysIn(dataDir).resolve(SigningKey.PUBLIC_KEY_FILE);
                if (Files.notExists(file)) {
                    return usage(err, "There is no signing key at " + file + ". Pass --key <jwk-file> (the JSON "
                            + "that GET /.well-known/atelier-signing-key returns) or --data-dir <dir>.");
                }
                key = PublicJwk.of(SigningKey.readPublicKey(file));
                keySource = file.toString();
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return usage(err, "Could not use the key " + (keyFile != null ? keyFile : "in " + dataDir) + ": "
                    + e.getMessage() + ".");
        }

        var verification = new ManifestVerifier(key).verify(asset, manifest);
        out.println("Asset:    " + files.get(0) + " (" + asset.length + " bytes)");
        out.println("Manifest: " + files.get(1));
        out.println("Key:      " + key.kid() + " (" + keySource + ")");
        for (var check : verification.checks()) {
            out.printf("  %-4s  %-10s  %s%n", check.passed() ? "ok" : "FAIL", check.name(), check.detail());
        }
        if (verification.facts() != null) {
            verification.facts().forEach((name, value) -> out.printf("  %-18s  %s%n", name, value));
        }
        out.println(verification.valid() ? "VALID" : "INVALID");
        return verification.valid() ? 0 : 1;
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }
}
