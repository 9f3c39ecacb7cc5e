package dev.atelier.ledger;

import java.time.Instant;
import java.util.UUID;

/** One posting on an account's statement, with the balance it left. */
public record StatementLine(long postingId, UUID transactionId, String kind, String memo, Instant at, Money amount,
                           Money balanceAfter) {
}
