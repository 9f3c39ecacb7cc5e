package dev.atelier.portfolio;

import dev.atelier.identity.CreatorId;

/** A creator added a work to their portfolio. */
public record WorkUploaded(CreatorId creator, WorkId work, WorkKind kind, boolean trainConsent) {
}
