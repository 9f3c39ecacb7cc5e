package dev.atelier.index;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A piece of a creator's work as it goes into an index: its text, the text's embedding, and keyword fields to filter
 * on. {@code chunkId} identifies it within the index: adding a chunk with an id already there replaces that chunk.
 *
 * @param vector unit length (as every {@code EmbeddingEngine} makes them); all chunks of an index have the same
 *        dimensions
 * @param keywords extra exact-match fields, such as {@code kind=code}, to filter searches on; a name may not be one of
 *        {@link #RESERVED}
 */
public record IndexedChunk(String chunkId, String itemId, String versionId, String text, float[] vector,
        Map<String, String> keywords) {

    public static final String CHUNK_ID = "chunkId";
    public static final String ITEM_ID = "itemId";
    public static final String VERSION_ID = "versionId";
    static final String TEXT = "text";
    static final String VECTOR = "vector";

    /** Field names the index uses itself. */
    public static final Set<String> RESERVED = Set.of(CHUNK_ID, ITEM_ID, VERSION_ID, TEXT, VECTOR);

    private static final Pattern KEYWORD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    /** How far a vector's squared length may stray from 1 (rounding in the engines is far below this). */
    private static final double UNIT_TOLERANCE = 1e-3;

    public IndexedChunk {
        requireText(chunkId, "chunkId");
        requireText(itemId, "itemId");
        requireText(versionId, "versionId");
        requireText(text, "text");
        requireUnitVector(vector, "chunk " + chunkId);
        vector = vector.clone();
        keywords.forEach((name, value) -> {
            if (!KEYWORD_NAME.matcher(name).matches() || RESERVED.contains(name)) {
                throw new IllegalArgumentException("keyword name '" + name + "' must match " + KEYWORD_NAME
                        + " and not be one of " + RESERVED);
            }
        });
        keywords = Map.copyOf(keywords);
    }

    public IndexedChunk(String chunkId, String itemId, String versionId, String text, float[] vector) {
        this(chunkId, itemId, versionId, text, vector, Map.of());
    }

    @Override
    public float[] vector() {
        return vector.clone();
    }

    int dimensions() {
        return vector.length;
    }

    static void requireText(String value, String name) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    static void requireUnitVector(float[] vector, String whose) {
        if (vector.length == 0) {
            throw new IllegalArgumentException("the vector of " + whose + " is empty");
        }
        var squared = 0.0;
        for (var component : vector) {
            squared += component * component;
        }
        if (!(Math.abs(squared - 1) <= UNIT_TOLERANCE)) {
            throw new IllegalArgumentException("the vector of " + whose + " must have unit length, but its length is "
                    + Math.sqrt(squared));
        }
    }
}
