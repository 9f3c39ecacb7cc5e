package dev.atelier.subscription;

import java.time.Instant;

import dev.atelier.identity.AccountId;
import dev.atelier.ledger.Money;

/** A creator's subscription and its current period, [periodStart, periodEnd). */
public record Subscription(AccountId creator, String plan, Money price, SubscriptionStatus status, Instant periodStart,
                           Instant periodEnd, boolean cancelAtPeriodEnd) {

    /**
     * Paid up means the creator paid for the period they are in. An active period whose end has passed stays paid
     * up until the renewal job has tried to charge, so features do not flicker off at the turn of each period.
     */
    public boolean paidUpAt(Instant now) {
        return status == SubscriptionStatus.ACTIVE && (!cancelAtPeriodEnd || now.isBefore(periodEnd));
    }

    boolean renewableAt(Instant now) {
        return !now.isBefore(periodEnd) && (status == SubscriptionStatus.PAST_DUE
                || (status == SubscriptionStatus.ACTIVE && !cancelAtPeriodEnd));
    }
}
