package dev.atelier.generation;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.atelier.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Anyone may fetch the platform's public signing key and verify an asset against its manifest; neither needs an
 * account. Verifying is offline and says what it checked; a manifest that does not verify is an answer (200,
 * {@code valid: false}), not an error.
 */
@RestController
@Tag(name = "Provenance", description = "The platform's signing key, and verifying an asset against its manifest")
class ProvenanceController {

    static final String SIGNING_KEY_PATH = "/.well-known/atelier-signing-key";
    static final String JWK_JSON = "application/jwk+json";

    /**
     * The endpoint is open to anyone, so what it reads into memory is bounded: a manifest is a few kilobytes, and a
     * text asset at most 200,000 characters.
     */
    static final long MAX_MANIFEST_BYTES = 64 * 1024;
    static final long MAX_ASSET_BYTES = 10 * 1024 * 1024;

    private final Provenance provenance;

    ProvenanceController(Provenance provenance) {
        this.provenance = provenance;
    }

    @GetMapping(path = SIGNING_KEY_PATH, produces = JWK_JSON)
    PublicJwk signingKey() {
        return provenance.signingKey();
    }

    @PostMapping(path = "/api/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Verify an asset against its manifest file: the parts 'asset' (the delivered file) and "
            + "'manifest' (its .manifest.json). 200 with valid true or false and each check; 400 when a part is "
            + "missing or the manifest is not JSON. No sign-in needed.")
    Verification verify(@RequestParam(name = "asset", required = false) @Nullable MultipartFile asset,
                        @RequestParam(name = "manifest", required = false) @Nullable MultipartFile manifest) {
        if (asset == null || manifest == null) {
            throw ProblemException.badRequest("Missing file", "Send the asset as the multipart part 'asset' and "
                    + "its manifest file as the part 'manifest'" + (asset == null && manifest == null ? "."
                    : "; '" + (asset == null ? "asset" : "manifest") + "' is missing."));
        }
        refuseOver(manifest, MAX_MANIFEST_BYTES);
        refuseOver(asset, MAX_ASSET_BYTES);
        var manifestBytes = bytes(manifest);
        if (ManifestVerifier.json(manifestBytes).isEmpty()) {
            throw ProblemException.badRequest("Manifest is not JSON", "The part 'manifest' is not a JSON document; "
                    + "send the .manifest.json file that came with the asset.");
        }
        return provenance.verify(bytes(asset), manifestBytes);
    }

    private static void refuseOver(MultipartFile file, long limit) {
        if (file.getSize() > limit) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "Too large to verify", "The part '"
                    + file.getName() + "' has " + file.getSize() + " bytes; at most " + limit + " are verified here. "
                    + "Verify larger files offline with: java -jar atelier.jar verify <asset> <manifest>.");
        }
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded part " + file.getName(), e);
        }
    }
}
