package dev.atelier.subscription;

/** Whether a creator may use AI features, and if not, why, in words the creator can act on. */
public record Entitlement(boolean allowed, Reason reason, String message) {

    public enum Reason { ENTITLED, NOT_A_CREATOR, NOT_VETTED, NOT_SUBSCRIBED, PAST_DUE, CANCELED }

    static Entitlement yes() {
        return new Entitlement(true, Reason.ENTITLED, "AI features are active.");
    }

    static Entitlement no(Reason reason, String message) {
        return new Entitlement(false, reason, message);
    }
}
