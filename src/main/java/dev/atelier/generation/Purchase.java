package dev.atelier.generation;

import dev.atelier.identity.AccountId;
import dev.atelier.identity.CreatorId;
import dev.atelier.ledger.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A client's purchase of one generated asset, at the price of the moment it was made. Without review it is
 * delivered at once; with review it waits for the creator, who releases it (as written or edited) or rejects it,
 * which refunds the client.
 */
public record Purchase(UUID id, Source source, @Nullable UUID previewId, UUID offeringId, String offeringTitle,
                       AccountId client, String clientName, CreatorId creator, Money price, Money fee, Status status,
                       @Nullable String rejectReason, Instant createdAt, @Nullable Instant decidedAt,
                       @Nullable UUID deliveryId) {

    public enum Source {
        PREVIEW, API
    }

    public enum Status {
        AWAITING_REVIEW, DELIVERED, REJECTED;

        public String label() {
            return switch (this) {
                case AWAITING_REVIEW -> "Awaiting the creator's review";
                case DELIVERED -> "Delivered";
                case REJECTED -> "Rejected and refunded";
            };
        }
    }

    /** What the creator earns: the price less the platform's fee. */
    public Money earnings() {
        return new Money(price.minor() - fee.minor(), price.currency());
    }

    public boolean awaitsReview() {
        return status == Status.AWAITING_REVIEW;
    }
}
