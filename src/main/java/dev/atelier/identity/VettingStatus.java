package dev.atelier.identity;

/** Where a creator stands in vetting. Only an approved creator may use AI features. */
public enum VettingStatus {
    NOT_APPLIED, SUBMITTED, APPROVED, REJECTED, CHANGES_REQUESTED;

    public String label() {
        return switch (this) {
            case NOT_APPLIED -> "Not applied";
            case SUBMITTED -> "Waiting for review";
            case APPROVED -> "Approved";
            case REJECTED -> "Rejected";
            case CHANGES_REQUESTED -> "Changes requested";
        };
    }
}
