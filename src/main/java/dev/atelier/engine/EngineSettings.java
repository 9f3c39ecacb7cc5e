package dev.atelier.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.engine.*}: which engines run, and how.
 *
 * @param embedding the {@link EmbeddingEngine}
 */
@ConfigurationProperties("atelier.engine")
record EngineSettings(@DefaultValue Embedding embedding) {

    /**
     * {@code atelier.engine.embedding.*}.
     *
     * @param id which engine embeds; {@value OnnxEmbeddingEngine#ID} is the only one so far
     * @param batchSize how many texts are handed to the model at a time
     * @param threads how many texts are embedded in parallel; 0 (the default) means one per available processor
     */
    record Embedding(
            @DefaultValue(OnnxEmbeddingEngine.ID) String id,
            @DefaultValue("64") int batchSize,
            @DefaultValue("0") int threads) {

        Embedding {
            if (batchSize < 1) {
                throw new IllegalArgumentException(
                        "atelier.engine.embedding.batch-size must be positive, was " + batchSize);
            }
            if (threads < 0) {
                throw new IllegalArgumentException(
                        "atelier.engine.embedding.threads must be 0 (one per processor) or more, was " + threads);
            }
            threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        }
    }
}
