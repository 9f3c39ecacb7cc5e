package dev.atelier.subscription;

/** ACTIVE: paid for the current period. PAST_DUE: a renewal could not be paid. CANCELED: ended by the creator. */
public enum SubscriptionStatus {
    ACTIVE, PAST_DUE, CANCELED
}
