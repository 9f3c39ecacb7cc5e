package dev.atelier.ledger;

/**
 * The kinds of ledger account. Wallets and earnings belong to one person and never go below zero. External cash
 * stands for money outside the platform (top-ups come from it, payouts go to it), so it alone may be negative.
 */
public enum AccountKind {
    WALLET, EARNINGS, PLATFORM_REVENUE, SUBSCRIPTION_REVENUE, EXTERNAL_CASH,
    /** Money a client has paid that is held until the creator releases the asset (or it is refunded). */
    ESCROW;

    boolean owned() {
        return this == WALLET || this == EARNINGS;
    }

    boolean mayGoNegative() {
        return this == EXTERNAL_CASH;
    }

    public String label() {
        return switch (this) {
            case WALLET -> "Wallet";
            case EARNINGS -> "Earnings";
            case PLATFORM_REVENUE -> "Platform revenue";
            case SUBSCRIPTION_REVENUE -> "Subscription revenue";
            case EXTERNAL_CASH -> "External cash";
            case ESCROW -> "Held for review";
        };
    }
}
