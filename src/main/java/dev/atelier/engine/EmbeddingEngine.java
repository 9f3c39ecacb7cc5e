package dev.atelier.engine;

import java.util.List;

/**
 * Turns text into vectors for semantic search. Every vector has {@link #dimensions()} components and unit length
 * (L2 norm 1), so the cosine similarity of two vectors is their dot product. Vectors from engines with different
 * {@link #id()}s are not comparable: an index holds the vectors of one engine.
 *
 * <p>Implementations are thread-safe.
 */
public interface EmbeddingEngine {

    /**
     * Embeds passages, the texts that go into an index: one vector per text, in the same order.
     *
     * @throws IllegalArgumentException if a text is blank
     */
    List<float[]> embed(List<String> texts);

    default float[] embed(String text) {
        return embed(List.of(text)).getFirst();
    }

    /**
     * Embeds a search query. Asymmetric models embed a query differently from the passages that should match it;
     * for symmetric ones this is {@link #embed(String)}.
     */
    default float[] embedQuery(String query) {
        return embed(query);
    }

    int dimensions();

    /** The value of {@code atelier.engine.embedding.id} that selects this engine. */
    String id();
}
