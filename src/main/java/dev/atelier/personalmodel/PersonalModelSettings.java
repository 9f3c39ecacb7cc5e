package dev.atelier.personalmodel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.personal-model.*}.
 *
 * @param embeddingBatch chunks embedded (and checkpointed) together
 * @param abandonedAfter a running job whose heartbeat is older than this belongs to a node that died; it is resumed
 * @param pollInterval how often a node looks for queued or abandoned jobs
 */
@ConfigurationProperties("atelier.personal-model")
record PersonalModelSettings(
        @DefaultValue("64") int embeddingBatch,
        @DefaultValue("60s") Duration abandonedAfter,
        @DefaultValue("5s") Duration pollInterval) {
}
