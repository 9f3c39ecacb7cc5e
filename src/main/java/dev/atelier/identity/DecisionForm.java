package dev.atelier.identity;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/** A reviewer's decision on one application. Rejecting or requesting changes needs a reason the creator reads. */
record DecisionForm(
        @NotNull(message = "Choose approve, reject or request changes.") CreatorApplication.@Nullable Decision decision,
        @Size(max = 1000, message = "A reason has at most 1000 characters.") @Nullable String reason) {

    @AssertTrue(message = "Give the creator a reason when you reject or request changes.")
    boolean isReasonGivenWhereNeeded() {
        return decision == null || !decision.needsReason() || (reason != null && !reason.isBlank());
    }
}
