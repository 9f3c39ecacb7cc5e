package dev.atelier.personalmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import dev.atelier.engine.EmbeddingEngine;
import dev.atelier.portfolio.WorkKind;

/**
 * The "everyone else" side of each creator's style classifier: the background corpus shipped with Atelier,
 * chunked like a creator's prose. Its vectors are computed once per embedding engine and kept; no creator's data
 * is ever part of it.
 */
@Component
class BackgroundSample {

    private final List<String> texts;
    private final Map<String, List<float[]>> vectorsByEngine = new ConcurrentHashMap<>();

    BackgroundSample() {
        try {
            var corpus = new ClassPathResource("personalmodel/background-corpus.txt")
                    .getContentAsString(StandardCharsets.UTF_8);
            texts = Chunker.chunk(WorkKind.TEXT, "background.txt", corpus).stream().map(Chunk::text).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the background corpus is missing from the classpath", e);
        }
    }

    List<String> texts() {
        return texts;
    }

    List<float[]> vectors(EmbeddingEngine engine) {
        return vectorsByEngine.computeIfAbsent(engine.id(), id -> engine.embed(texts));
    }
}
