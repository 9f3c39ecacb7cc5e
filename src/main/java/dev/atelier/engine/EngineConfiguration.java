package dev.atelier.engine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the engines that {@link EngineSettings} names, reading the settings once. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    EmbeddingEngine embeddingEngine(EngineSettings settings) {
        var embedding = settings.embedding();
        return switch (embedding.id()) {
            case OnnxEmbeddingEngine.ID -> new OnnxEmbeddingEngine(embedding.batchSize(), embedding.threads());
            default -> throw new IllegalStateException("atelier.engine.embedding.id: no embedding engine is called '"
                    + embedding.id() + "'; the known one is " + OnnxEmbeddingEngine.ID);
        };
    }
}
