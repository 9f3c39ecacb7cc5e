package dev.atelier.index;

import static dev.atelier.index.IndexedChunk.CHUNK_ID;
import static dev.atelier.index.IndexedChunk.ITEM_ID;
import static dev.atelier.index.IndexedChunk.TEXT;
import static dev.atelier.index.IndexedChunk.VECTOR;
import static dev.atelier.index.IndexedChunk.VERSION_ID;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.jspecify.annotations.Nullable;

import dev.atelier.identity.CreatorId;

/**
 * One open Lucene index: a writer and a near-real-time searcher manager over one directory.
 *
 * <p>Thread-safe: Lucene's writer and searcher manager are. Every write is committed and the searcher refreshed before
 * the write returns, so a returned write is durable and visible. The cost, an fsync per call, buys that a deletion
 * (a revoked consent, a retired version) cannot come back after a crash. Whoever opens it must keep any other writer
 * off the directory while it is open ({@link CreatorIndexes} does), and must not close it while calls are running.
 *
 * <p>The directory records its creator and namespace in its commit data, and opening checks them, so a directory
 * copied under the wrong creator fails loudly instead of serving another creator's chunks.
 */
final class LuceneCreatorIndex implements Closeable {

    /**
     * The constant k of reciprocal rank fusion: a hit's score is the sum over the rankings it appears in of
     * 1 / (k + rank), rank counted from 1. 60 is the value of Cormack, Clarke and Büttcher (SIGIR 2009), where it
     * worked well across collections; it damps the lead of the very top ranks so that agreement between the lists
     * matters more than either list's first place.
     */
    static final int RRF_K = 60;

    /** How deep each ranking of a hybrid search goes, at least: a chunk can only be fused if some list finds it. */
    static final int FUSION_DEPTH = 50;

    /** Longer query texts are cut here; BM25 gains nothing from more, and Lucene caps clauses at 1024. */
    static final int MAX_QUERY_TERMS = 256;

    private static final String OWNER = "atelier.creator";
    private static final String NAMESPACE = "atelier.namespace";

    /**
     * English stemming and stop words, at index and query time alike. Changing it changes the terms, so existing
     * indexes would have to be rebuilt. Analyzers are thread-safe.
     */
    private static final Analyzer ANALYZER = new EnglishAnalyzer();

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private LuceneCreatorIndex(Path path, Directory directory, IndexWriter writer, SearcherManager searchers) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
    }

    /** Opens the index in {@code path}, creating it if needed. */
    static LuceneCreatorIndex open(Path path, CreatorId creator, String namespace) throws IOException {
        Files.createDirectories(path);
        var directory = FSDirectory.open(path);
        IndexWriter writer = null;
        try {
            if (DirectoryReader.indexExists(directory)) {
                var owner = SegmentInfos.readLatestCommit(directory).getUserData();
                if (!creator.toString().equals(owner.get(OWNER)) || !namespace.equals(owner.get(NAMESPACE))) {
                    throw new IllegalStateException("the index in " + path + " belongs to creator " + owner.get(OWNER)
                            + ", namespace " + owner.get(NAMESPACE) + ", not to " + creator + ", " + namespace);
                }
            }
            // Every write commits, so closing has nothing to save; not committing on close keeps eviction cheap.
            // Merging small segments while committing or opening a reader (Lucene waits up to 500 ms for it by
            // default) would stall writes and cache misses; merges run in the background instead.
            writer = new IndexWriter(directory, new IndexWriterConfig(ANALYZER)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCommitOnClose(false)
                    .setMaxFullFlushMergeWaitMillis(0));
            writer.setLiveCommitData(Map.of(OWNER, creator.toString(), NAMESPACE, namespace).entrySet());
            return new LuceneCreatorIndex(path, directory, writer, new SearcherManager(writer, new SearcherFactory()));
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(writer, directory);
            throw e;
        }
    }

    void add(List<IndexedChunk> chunks) throws IOException {
        if (chunks.isEmpty()) {
            return;
        }
        var dimensions = chunks.getFirst().dimensions();
        for (var chunk : chunks) {
            // Checked before writing, so a batch that mixes dimensions leaves nothing half-written.
            if (chunk.dimensions() != dimensions) {
                throw new IllegalArgumentException("chunk " + chunk.chunkId() + " has a vector of "
                        + chunk.dimensions() + " dimensions, but chunk " + chunks.getFirst().chunkId() + " has "
                        + dimensions);
            }
        }
        for (var chunk : chunks) {
            writer.updateDocument(new Term(CHUNK_ID, chunk.chunkId()), document(chunk));
        }
        commitAndRefresh();
    }

    void deleteWhere(String field, String value) throws IOException {
        writer.deleteDocuments(new Term(field, value));
        commitAndRefresh();
    }

    List<Hit> search(IndexQuery query) throws IOException {
        var searcher = searchers.acquire();
        try {
            var filter = filter(query.filter());
            var vector = query.vector();
            var text = query.hasText() ? textQuery(query.text(), filter) : null;
            if (vector == null) {
                return text == null ? List.of() : hits(searcher, searcher.search(text, query.k()));
            }
            if (text == null) {
                return hits(searcher, searcher.search(vectorQuery(vector, query.k(), filter), query.k()));
            }
            var depth = Math.max(query.k(), FUSION_DEPTH);
            var rankings = new TopDocs[] {
                    searcher.search(text, depth), searcher.search(vectorQuery(vector, depth, filter), depth)};
            return hits(searcher, TopDocs.rrf(query.k(), RRF_K, rankings));
        } finally {
            searchers.release(searcher);
        }
    }

    long count() throws IOException {
        var searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /** Reads every chunk's id: for tests and tools, not for serving. */
    Set<String> chunkIds() throws IOException {
        var searcher = searchers.acquire();
        try {
            var all = searcher.search(new MatchAllDocsQuery(), Math.max(1, searcher.getIndexReader().numDocs()));
            var stored = searcher.storedFields();
            var ids = new HashSet<String>();
            for (var scoreDoc : all.scoreDocs) {
                ids.add(stored.document(scoreDoc.doc, Set.of(CHUNK_ID)).get(CHUNK_ID));
            }
            return Set.copyOf(ids);
        } finally {
            searchers.release(searcher);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        IOUtils.close(searchers, writer, directory);
    }

    private void commitAndRefresh() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private static Document document(IndexedChunk chunk) {
        var document = new Document();
        document.add(new StringField(CHUNK_ID, chunk.chunkId(), Field.Store.YES));
        document.add(new StringField(ITEM_ID, chunk.itemId(), Field.Store.YES));
        document.add(new StringField(VERSION_ID, chunk.versionId(), Field.Store.YES));
        chunk.keywords().forEach((name, value) -> document.add(new StringField(name, value, Field.Store.YES)));
        document.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
        // Dot product equals cosine on unit vectors, which IndexedChunk guarantees, and skips the normalisation.
        document.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        return document;
    }

    private static @Nullable Query filter(Map<String, String> filter) {
        if (filter.isEmpty()) {
            return null;
        }
        var all = new BooleanQuery.Builder();
        filter.forEach((field, value) -> all.add(new TermQuery(new Term(field, value)), Occur.FILTER));
        return all.build();
    }

    /** The analysed words of {@code text}, any of which may match, scored by BM25; null if no word is left. */
    private static @Nullable Query textQuery(String text, @Nullable Query filter) throws IOException {
        var terms = new LinkedHashSet<String>();
        try (var tokens = ANALYZER.tokenStream(TEXT, text)) {
            var term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            tokens.end();
        }
        if (terms.isEmpty()) {
            return null;
        }
        var anyTerm = new BooleanQuery.Builder();
        terms.forEach(term -> anyTerm.add(new TermQuery(new Term(TEXT, term)), Occur.SHOULD));
        if (filter == null) {
            return anyTerm.build();
        }
        return new BooleanQuery.Builder().add(anyTerm.build(), Occur.MUST).add(filter, Occur.FILTER).build();
    }

    private static Query vectorQuery(float[] vector, int k, @Nullable Query filter) {
        return new KnnFloatVectorQuery(VECTOR, vector, k, filter);
    }

    private static List<Hit> hits(IndexSearcher searcher, TopDocs top) throws IOException {
        var stored = searcher.storedFields();
        var hits = new ArrayList<Hit>(top.scoreDocs.length);
        for (var scoreDoc : top.scoreDocs) {
            var document = stored.document(scoreDoc.doc);
            var keywords = new HashMap<String, String>();
            for (var field : document.getFields()) {
                if (!IndexedChunk.RESERVED.contains(field.name())) {
                    keywords.put(field.name(), field.stringValue());
                }
            }
            hits.add(new Hit(document.get(CHUNK_ID), document.get(ITEM_ID), document.get(VERSION_ID),
                    document.get(TEXT), keywords, scoreDoc.score));
        }
        return List.copyOf(hits);
    }
}
