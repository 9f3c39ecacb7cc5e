package dev.atelier.personalmodel;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.atelier.identity.CreatorId;

/**
 * One immutable version of a creator's model. Its lineage lists exactly the items it learned from; its metrics,
 * style profile and classifier are fixed once it is ready. Only a ready version can be made active.
 */
public record ModelVersion(ModelVersionId id, CreatorId creator, int number, VersionStatus status, boolean active,
                           String reason, Instant createdAt, @Nullable Instant finishedAt, Map<String, Object> metrics,
                           @Nullable Map<String, Object> styleProfile, @Nullable String retiredReason,
                           @Nullable String failure, List<LineageItem> lineage) {

    /** One item a version learned from, as it was when training started. */
    public record LineageItem(String workId, String title, String kind, String sha256, Instant consentChangedAt) {
    }

    public boolean canBeActivated() {
        return status == VersionStatus.READY;
    }

    /** The index namespace holding this version's chunks. */
    public String namespace() {
        return "model-v" + number;
    }
}
