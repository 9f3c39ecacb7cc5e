package dev.atelier.personalmodel;

import dev.atelier.engine.EmbeddingEngine;
import dev.atelier.identity.CreatorId;
import dev.atelier.index.CreatorIndexes;
import dev.atelier.index.IndexQuery;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Finds the passages of a creator's own work that best match a brief, from one model version's index. The index is
 * opened with the creator's id, so another creator's chunks cannot be returned: their index is never opened.
 */
@Component
public class Exemplars {

    /** One retrieved passage. {@code chunkId} is {@code <workId>:<ordinal>}. */
    public record Exemplar(String chunkId, String workId, String text, float score) {
    }

    private final CreatorIndexes indexes;
    private final EmbeddingEngine embeddings;

    Exemplars(CreatorIndexes indexes, EmbeddingEngine embeddings) {
        this.indexes = indexes;
        this.embeddings = embeddings;
    }

    /**
     * The {@code k} passages of the version closest to the brief, by meaning and by words (reciprocal rank fusion).
     *
     * @throws IllegalArgumentException if the version is not the creator's
     */
    public List<Exemplar> retrieve(ModelVersion version, CreatorId creator, String brief, int k) {
        if (!version.creator().equals(creator)) {
            throw new IllegalArgumentException("version " + version.id() + " is not creator " + creator + "'s");
        }
        var index = indexes.open(creator, version.namespace());
        var query = IndexQuery.hybrid(brief, embeddings.embedQuery(brief), k).inVersion(version.id().toString());
        return index.search(query).stream()
                .map(hit -> new Exemplar(hit.chunkId(), hit.itemId(), hit.text(), hit.score()))
                .toList();
    }
}
