package dev.atelier.index;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What to look for in one creator's index: text (BM25), a vector (nearest neighbours), or both (hybrid, fused by
 * reciprocal rank). Every entry of {@code filter} must match exactly; its names are {@link IndexedChunk#ITEM_ID},
 * {@link IndexedChunk#VERSION_ID}, {@link IndexedChunk#CHUNK_ID} or keyword names.
 *
 * @param text words to match; {@code null} or blank for a vector-only search
 * @param vector a unit-length query vector (from {@code EmbeddingEngine.embedQuery}); {@code null} for a text-only
 *        search
 * @param k how many hits to return at most, 1 to {@value #MAX_K}
 */
public record IndexQuery(@Nullable String text, float @Nullable [] vector, int k, Map<String, String> filter) {

    public static final int MAX_K = 1_000;

    public IndexQuery {
        if ((text == null || text.isBlank()) && vector == null) {
            throw new IllegalArgumentException("a query needs text, a vector, or both");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", was " + k);
        }
        if (vector != null) {
            IndexedChunk.requireUnitVector(vector, "the query");
            vector = vector.clone();
        }
        filter.keySet().forEach(name -> {
            if (name.equals(IndexedChunk.TEXT) || name.equals(IndexedChunk.VECTOR)) {
                throw new IllegalArgumentException("cannot filter on '" + name + "'; filters match keyword fields");
            }
        });
        filter = Map.copyOf(filter);
    }

    public static IndexQuery text(String text, int k) {
        return new IndexQuery(text, null, k, Map.of());
    }

    public static IndexQuery vector(float[] vector, int k) {
        return new IndexQuery(null, vector, k, Map.of());
    }

    public static IndexQuery hybrid(String text, float[] vector, int k) {
        return new IndexQuery(text, vector, k, Map.of());
    }

    /** This query, also requiring {@code field} to equal {@code value}. */
    public IndexQuery where(String field, String value) {
        var narrower = new HashMap<>(filter);
        narrower.put(field, value);
        return new IndexQuery(text, vector, k, narrower);
    }

    /** This query, restricted to the chunks of one version. */
    public IndexQuery inVersion(String versionId) {
        return where(IndexedChunk.VERSION_ID, versionId);
    }

    @Override
    public float @Nullable [] vector() {
        return vector == null ? null : vector.clone();
    }

    boolean hasText() {
        return text != null && !text.isBlank();
    }
}
