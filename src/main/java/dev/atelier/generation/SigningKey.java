package dev.atelier.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's Ed25519 key pair, which signs every provenance manifest. It is created on the first start and kept
 * in {@code ${atelier.data-dir}/keys/}: {@value #PRIVATE_KEY_FILE} (PKCS#8 PEM, readable by its owner only where the
 * file system has POSIX permissions) and {@value #PUBLIC_KEY_FILE} (X.509 SubjectPublicKeyInfo PEM). Later starts
 * load it, so manifests stay verifiable across restarts; losing the private key means new manifests get a new key
 * id, while old ones still verify against the old public key.
 *
 * <p>Creation happens under a file lock, so several processes sharing a data directory agree on one key. Thread-safe:
 * the keys are immutable and each signature uses its own {@link Signature}.
 */
@Component
class SigningKey {

    static final String PRIVATE_KEY_FILE = "signing-key.pem";
    static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicJwk publicJwk;

    SigningKey(@Value("${atelier.data-dir}") Path dataDir) {
        var keys = keysIn(dataDir);
        try {
            Files.createDirectories(keys);
            ownerOnly(keys, PosixFilePermissions.fromString("rwx------"));
            try (var lock = FileChannel.open(keys.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); var held = lock.lock()) {
                var privateFile = keys.resolve(PRIVATE_KEY_FILE);
                var publicFile = keys.resolve(PUBLIC_KEY_FILE);
                if (Files.notExists(privateFile) && Files.notExists(publicFile)) {
                    create(privateFile, publicFile);
                }
                if (Files.notExists(privateFile) || Files.notExists(publicFile)) {
                    throw new IllegalStateException(keys + " holds only one half of the signing key ("
                            + PRIVATE_KEY_FILE + ", " + PUBLIC_KEY_FILE + "). Restore the missing file from a backup, "
                            + "or delete both to start a new key (manifests signed so far then verify only with the "
                            + "old public key).");
                }
                privateKey = KeyFactory.getInstance(ALGORITHM)
                        .generatePrivate(new PKCS8EncodedKeySpec(pem(privateFile, "PRIVATE KEY")));
                var publicKey = readPublicKey(publicFile);
                publicJwk = PublicJwk.of(publicKey);
                if (!belongTogether(privateKey, publicKey)) {
                    throw new IllegalStateException(privateFile + " and " + publicFile + " are not one key pair");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the signing key in " + keys, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the signing key in " + keys + " is not an Ed25519 key", e);
        }
    }

    static Path keysIn(Path dataDir) {
        return dataDir.resolve("keys");
    }

    /** Reads the public key a {@link SigningKey} keeps in {@code <data-dir>/keys/}, for verifying without Spring. */
    static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pem(file, "PUBLIC KEY")));
    }

    PublicJwk publicJwk() {
        return publicJwk;
    }

    String keyId() {
        return publicJwk.kid();
    }

    byte[] sign(byte[] message) {
        try {
            var signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static void create(Path privateFile, Path publicFile) throws IOException, GeneralSecurityException {
        var pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        writeAtomically(publicFile, pemText("PUBLIC KEY", pair.getPublic().getEncoded()), null);
        writeAtomically(privateFile, pemText("PRIVATE KEY", pair.getPrivate().getEncoded()),
                PosixFilePermissions.fromString("rw-------"));
    }

    /* The file appears complete or not at all, and a private key is never readable by others, even briefly. */
    private static void writeAtomically(Path file, String text, @Nullable Set<PosixFilePermission> permissions)
            throws IOException {
        var temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (permissions != null && posix(file)) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(permissions));
            Files.setPosixFilePermissions(temporary, permissions);
        } else {
            Files.createFile(temporary);
        }
        try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.US_ASCII.encode(text));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file);
        }
    }

    private static void ownerOnly(Path directory, Set<PosixFilePermission> permissions) throws IOException {
        if (posix(directory)) {
            Files.setPosixFilePermissions(directory, permissions);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String pemText(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pem(Path file, String type) throws IOException {
        var text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        var begin = "-----BEGIN " + type + "-----";
        var end = "-----END " + type + "-----";
        if (!text.startsWith(begin) || !text.endsWith(end)) {
            throw new IOException(file + " is not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(begin.length(), text.length() - end.length()));
    }

    private static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey)
            throws GeneralSecurityException {
        var probe = "atelier signing key check".getBytes(StandardCharsets.US_ASCII);
        var signer = Signature.getInstance(ALGORITHM);
        signer.initSign(privateKey);
        signer.update(probe);
        var verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        return verifier.verify(signer.sign());
    }
}
