package dev.atelier.personalmodel;

import dev.atelier.identity.CreatorId;

/** A version may no longer serve, because an item it learned from was withdrawn. Its index data is deleted. */
public record ModelVersionRetired(CreatorId creator, ModelVersionId version, String reason) {
}
