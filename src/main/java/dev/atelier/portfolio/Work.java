package dev.atelier.portfolio;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.atelier.identity.CreatorId;

/**
 * One uploaded work. {@code trainConsent} is the creator's "may train my model"; {@code consentChangedAt} is when
 * it last changed, which training records in a version's lineage. {@code metadata} holds what was measured: image
 * width, height and palette; audio duration and loudness; text length.
 */
public record Work(WorkId id, CreatorId creator, String title, WorkKind kind, String mediaType, String fileName,
                   long sizeBytes, String sha256, List<String> tags, Map<String, Object> metadata,
                   boolean trainConsent, Instant consentChangedAt, boolean publicInPortfolio, Instant createdAt,
                   @JsonIgnore String storageKey, @JsonIgnore @Nullable String thumbnailKey) {

    public boolean hasThumbnail() {
        return thumbnailKey != null;
    }
}
