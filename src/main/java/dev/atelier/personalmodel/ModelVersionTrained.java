package dev.atelier.personalmodel;

import dev.atelier.identity.CreatorId;

/** A version finished training and is ready to serve. */
public record ModelVersionTrained(CreatorId creator, ModelVersionId version, int number) {
}
