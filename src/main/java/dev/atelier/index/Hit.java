package dev.atelier.index;

import java.util.Map;

/**
 * A chunk found by a search, best first.
 *
 * @param score higher is better, comparable only within one search: BM25 for text, {@code (1 + cosine) / 2} for
 *        vectors, the reciprocal rank fusion score for hybrid searches
 */
public record Hit(String chunkId, String itemId, String versionId, String text, Map<String, String> keywords,
        float score) {

    public Hit {
        keywords = Map.copyOf(keywords);
    }
}
