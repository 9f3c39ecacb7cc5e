package dev.atelier.generation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.atelier.identity.AccountId;
import dev.atelier.identity.CreatorId;
import java.time.Instant;
import java.util.UUID;

/**
 * A delivered asset: the full text, the licence certificate the client holds, and the signed provenance manifest
 * that binds the text's hash to its creator, offering and model version.
 *
 * @param licence the licence certificate, JSON
 * @param manifest the signed manifest file, JSON
 */
public record Delivery(UUID id, UUID purchaseId, AccountId client, CreatorId creator, String creatorName,
                       UUID offeringId, String offeringTitle, String title, @JsonIgnore String text, String sha256,
                       UUID licenceId, @JsonIgnore String licence, @JsonIgnore String manifest, boolean editedByCreator,
                       Instant createdAt) {

    /** The manifest's reference, as API responses name it. */
    public String manifestReference() {
        return "urn:uuid:" + id;
    }

    public int words() {
        return PreviewMark.words(text);
    }
}
