package dev.atelier.portfolio;

import java.time.Instant;

import dev.atelier.identity.CreatorId;

/** A creator switched "may train my model" on or off for one work. */
public record WorkConsentChanged(CreatorId creator, WorkId work, boolean trainConsent, Instant at) {
}
