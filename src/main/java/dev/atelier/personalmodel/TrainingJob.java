package dev.atelier.personalmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.atelier.identity.CreatorId;

/** A training job and how far it got. {@code done} and {@code total} count chunks once chunking is over. */
public record TrainingJob(UUID id, CreatorId creator, ModelVersionId version, Status status, String phase, int done,
                          int total, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant heartbeatAt,
                          @Nullable Instant finishedAt, boolean cancelRequested, @Nullable String error) {

    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    @JsonProperty("percent")
    public int percent() {
        if (status == Status.SUCCEEDED) {
            return 100;
        }
        return total <= 0 ? 0 : (int) Math.min(99, 100L * done / total);
    }

    /** Time left, extrapolated from the pace so far; null until there is a pace to go by. */
    public @Nullable Long etaSeconds(Instant now) {
        if (startedAt == null || done <= 0 || total <= done || status.finished()) {
            return null;
        }
        var elapsed = Duration.between(startedAt, now).toMillis();
        return Math.max(1, elapsed * (total - done) / done / 1000);
    }

    @JsonProperty("etaSeconds")
    public @Nullable Long etaSeconds() {
        return etaSeconds(Instant.now());
    }
}
