package dev.atelier.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A written transaction. {@code replayed} is true when the idempotency key had been used with the same request
 * before: this is then the original transaction and nothing new was written. It is left out of JSON so that a
 * replayed request's body is the original's; controllers say it in the {@code Idempotent-Replayed} header.
 */
public record Receipt(UUID transactionId, String kind, String memo, Instant createdAt, List<Posting> postings,
                      @JsonIgnore boolean replayed) {

    public record Posting(UUID account, long amount, long balanceAfter) {
    }
}
