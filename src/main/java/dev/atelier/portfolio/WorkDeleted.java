package dev.atelier.portfolio;

import dev.atelier.identity.CreatorId;

/** A creator deleted a work; its file and text are gone. */
public record WorkDeleted(CreatorId creator, WorkId work, String sha256) {
}
