package dev.atelier.engine;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
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

    /**
     * The configured text engine; without a usable configuration, one that says how to fix it, so that the rest of
     * Atelier still starts. Spring closes it (and so frees a llama.cpp model) when the context closes.
     */
    @Bean
    TextEngine textEngine(EngineSettings settings, @Value("${atelier.data-dir:./data}") Path dataDir) {
        var text = settings.text();
        var models = dataDir.resolve("models");
        return switch (text.id()) {
            case LlamaCppTextEngine.ID -> new LlamaCppTextEngine(text.model(), models, text.contextSize(),
                    text.slots(), text.threads(), text.timeout());
            case OpenAiCompatibleTextEngine.ID -> {
                var openai = text.openai();
                if (!openai.missing().isEmpty()) {
                    yield NoTextEngine.incompleteOpenAi(openai.missing());
                }
                yield new OpenAiCompatibleTextEngine(openai.baseUrl(), openai.apiKey(), openai.model(),
                        text.timeout());
            }
            default -> NoTextEngine.configured(models);
        };
    }
}
