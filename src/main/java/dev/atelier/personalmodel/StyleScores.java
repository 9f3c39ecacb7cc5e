package dev.atelier.personalmodel;

import dev.atelier.engine.EmbeddingEngine;
import dev.atelier.identity.CreatorId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Scores drafts with a version's style classifier: how likely each is to be in the creator's style, from 0 to 1.
 * Versions are immutable once ready, so their classifiers are cached.
 */
@Component
public class StyleScores {

    private final ModelVersions versions;
    private final EmbeddingEngine embeddings;
    private record Key(CreatorId creator, ModelVersionId version) {
    }

    private final Map<Key, StyleClassifier> classifiers = new ConcurrentHashMap<>();

    StyleScores(ModelVersions versions, EmbeddingEngine embeddings) {
        this.versions = versions;
        this.embeddings = embeddings;
    }

    /**
     * One score per draft, in order. A blank draft scores 0.
     *
     * @throws IllegalArgumentException if the version is not the creator's or has no classifier (not ready)
     */
    public List<Double> score(CreatorId creator, ModelVersionId version, List<String> drafts) {
        var classifier = classifiers.computeIfAbsent(new Key(creator, version), key -> StyleClassifier.fromJson(
                versions.classifierOf(creator, version).orElseThrow(() -> new IllegalArgumentException(
                        "creator " + creator + " has no ready version " + version))));
        var scored = drafts.stream().filter(draft -> !draft.isBlank()).toList();
        var vectors = scored.isEmpty() ? List.<float[]>of() : embeddings.embed(scored);
        var next = 0;
        var scores = new ArrayList<Double>(drafts.size());
        for (var draft : drafts) {
            scores.add(draft.isBlank() ? 0.0 : classifier.score(vectors.get(next), scored.get(next++)));
        }
        return List.copyOf(scores);
    }
}
