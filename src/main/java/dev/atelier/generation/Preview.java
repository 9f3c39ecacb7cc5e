package dev.atelier.generation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.atelier.identity.AccountId;
import dev.atelier.identity.CreatorId;
import dev.atelier.ledger.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A client's try of an offering: the model writes a full draft, the client sees a marked, truncated part of it.
 * The full draft is kept for the purchase and never shown before it.
 *
 * @param shownText the marked preview; null until ready
 * @param words the full draft's words; null until ready
 * @param price what buying this draft costs now, at the offering's current price; null until ready
 */
public record Preview(UUID id, UUID offeringId, String offeringSlug, String offeringTitle, AccountId client,
                      CreatorId creator, String creatorName, String brief, Status status, @Nullable String shownText,
                      @Nullable Integer words, @Nullable Integer shownWords, @Nullable Double styleScore,
                      int candidates, @Nullable Money price, @Nullable String failure, @Nullable UUID purchaseId,
                      Instant createdAt, @JsonIgnore @Nullable String fullText) {

    public enum Status {
        GENERATING, READY, FAILED
    }

    public boolean isReady() {
        return status == Status.READY;
    }

    public boolean isPurchased() {
        return purchaseId != null;
    }

    public @Nullable Integer heldBackWords() {
        return words == null || shownWords == null ? null : words - shownWords;
    }
}
