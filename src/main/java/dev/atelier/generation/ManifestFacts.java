package dev.atelier.generation;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a provenance manifest states about one delivered asset: what it is, who made it with which offering and
 * model version, and under which licence to which client.
 *
 * @param mediaType the asset's media type, e.g. {@code text/plain; charset=utf-8}
 * @param assetSha256 the SHA-256 of the asset's exact bytes, lowercase hex; the manifest binds the asset by it
 * @param engineModel the model file or name the text engine ran, e.g. a GGUF file name
 * @param clientId the client the licence was granted to
 */
record ManifestFacts(UUID assetId, String title, String mediaType, String assetSha256, UUID creatorId,
                     String creatorName, UUID offeringId, String offeringSlug, String offeringTitle,
                     UUID modelVersionId, int modelVersionNumber, String engineModel, UUID licenceId, UUID clientId,
                     Instant createdAt) {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    ManifestFacts {
        if (!SHA_256.matcher(assetSha256).matches()) {
            throw new IllegalArgumentException("assetSha256 must be 64 lowercase hex digits, was '" + assetSha256 + "'");
        }
        if (modelVersionNumber < 1) {
            throw new IllegalArgumentException("modelVersionNumber must be positive, was " + modelVersionNumber);
        }
        if (title.isBlank() || mediaType.isBlank() || creatorName.isBlank() || offeringSlug.isBlank()
                || engineModel.isBlank()) {
            throw new IllegalArgumentException("a manifest's title, media type, creator name, offering slug and "
                    + "engine model must not be blank");
        }
    }
}
