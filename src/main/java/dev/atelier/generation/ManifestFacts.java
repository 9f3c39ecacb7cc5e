package dev.atelier.generation;

import java.time.Instant;
import java.util.UUID;

record ManifestFacts(UUID assetId, String title, String mediaType, String assetSha256, UUID creatorId,
                     String creatorName, UUID offeringId, String offeringSlug, String offeringTitle,
                     UUID modelVersionId, int modelVersionNumber, String engineModel, UUID licenceId, UUID clientId,
                     Instant createdAt) {
}
