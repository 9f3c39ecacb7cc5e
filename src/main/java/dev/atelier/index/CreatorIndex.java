package dev.atelier.index;

import java.util.List;
import java.util.Set;

import dev.atelier.identity.CreatorId;

/**
 * One creator's index in one namespace, got from {@link CreatorIndexes#open}. A handle: cheap, thread-safe, and
 * usable for as long as its {@link CreatorIndexes} is open; if the index was evicted from the cache meanwhile, the
 * next call reopens it. When a write returns it is on disk and visible to searches.
 */
public final class CreatorIndex {

    private final CreatorIndexes.Key key;
    private final CreatorIndexes indexes;

    CreatorIndex(CreatorIndexes.Key key, CreatorIndexes indexes) {
        this.key = key;
        this.indexes = indexes;
    }

    public CreatorId creator() {
        return key.creator();
    }

    public String namespace() {
        return key.namespace();
    }

    /**
     * Adds the chunks, replacing any with the same chunk id.
     *
     * @throws IllegalArgumentException if the vectors differ in dimensions from each other or from the index's
     */
    public void add(List<IndexedChunk> chunks) {
        indexes.use(key, index -> {
            index.add(chunks);
            return null;
        });
    }

    public void add(IndexedChunk chunk) {
        add(List.of(chunk));
    }

    /** Removes every chunk of the item, in all versions. */
    public void deleteByItem(String itemId) {
        deleteWhere(IndexedChunk.ITEM_ID, itemId);
    }

    /** Removes every chunk of the version. */
    public void deleteByVersion(String versionId) {
        deleteWhere(IndexedChunk.VERSION_ID, versionId);
    }

    /**
     * The best {@code k} chunks for the query: by BM25 for text alone, by nearest neighbours (HNSW, cosine) for a
     * vector alone, and for both by reciprocal rank fusion of the two rankings, each taken {@code max(k, 50)} deep: a
     * chunk scores the sum of 1 / (60 + rank) over the rankings it is in. Text that analyses to no words (only
     * stop words, say) matches nothing.
     */
    public List<Hit> search(IndexQuery query) {
        return indexes.use(key, index -> index.search(query));
    }

    public List<Hit> textSearch(String text, int k) {
        return search(IndexQuery.text(text, k));
    }

    public List<Hit> vectorSearch(float[] vector, int k) {
        return search(IndexQuery.vector(vector, k));
    }

    public List<Hit> hybridSearch(String text, float[] vector, int k) {
        return search(IndexQuery.hybrid(text, vector, k));
    }

    /** How many chunks the index holds. */
    public long count() {
        return indexes.use(key, LuceneCreatorIndex::count);
    }

    /** The ids of all chunks; reads every chunk, so it is meant for tests and tools, not for serving. */
    public Set<String> chunkIds() {
        return indexes.use(key, LuceneCreatorIndex::chunkIds);
    }

    @Override
    public String toString() {
        return "CreatorIndex " + key;
    }

    CreatorIndexes.Key key() {
        return key;
    }

    private void deleteWhere(String field, String value) {
        IndexedChunk.requireText(value, field);
        indexes.use(key, index -> {
            index.deleteWhere(field, value);
            return null;
        });
    }
}
