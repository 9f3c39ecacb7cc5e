package dev.atelier.identity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.atelier.problem.ProblemException;

/**
 * A creator's application to be vetted. One per creator; resubmitting replaces its content. Each decision is kept
 * in the audit log, and the latest one here with its reason.
 */
public record CreatorApplication(AccountId creator, String creatorName, String creatorEmail, String headline,
                                 List<String> categories, List<String> portfolioLinks, String statement,
                                 VettingStatus status, @Nullable String reason, Instant submittedAt,
                                 @Nullable Instant decidedAt) {

    /** What a reviewer may decide on a submitted application. */
    public enum Decision {
        APPROVE(VettingStatus.APPROVED), REJECT(VettingStatus.REJECTED),
        REQUEST_CHANGES(VettingStatus.CHANGES_REQUESTED);

        private final VettingStatus outcome;

        Decision(VettingStatus outcome) {
            this.outcome = outcome;
        }

        public VettingStatus outcome() {
            return outcome;
        }

        boolean needsReason() {
            return this != APPROVE;
        }
    }

    @JsonIgnore
    public boolean editable() {
        return status != VettingStatus.APPROVED;
    }

    void requireDecidable() {
        if (status != VettingStatus.SUBMITTED) {
            throw ProblemException.conflict("Application not awaiting review",
                    "Only a submitted application can be decided; this one is " + status.label().toLowerCase() + ".");
        }
    }
}
