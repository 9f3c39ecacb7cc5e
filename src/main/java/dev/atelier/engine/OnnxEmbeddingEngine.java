package dev.atelier.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * bge-small-en-v1.5, quantized (384 dimensions), run in-process by ONNX Runtime through LangChain4j. The model ships
 * inside the LangChain4j jar, so nothing is downloaded.
 *
 * <p>Thread-safe. The model loads on first use, not at construction, so the application starts without paying for
 * it (about a second, and the memory of a 34 MB model). Input is handed to the model {@code batchSize} texts at a
 * time; the texts of a batch are embedded in parallel on this engine's own {@code threads} platform threads (the work
 * is native and CPU-bound, so virtual threads would gain nothing), which end when idle. Texts longer than the model's
 * 512 tokens are embedded in parts whose vectors are averaged, by LangChain4j.
 *
 * <p>Inject {@link EmbeddingEngine} instead; construct this directly only outside Spring (benchmarks, tools).
 */
public final class OnnxEmbeddingEngine implements EmbeddingEngine, AutoCloseable {

    public static final String ID = "onnx-bge-small-en-v15-q";

    static final int DIMENSIONS = 384;

    /** BGE v1.5's instruction for retrieval queries (from its model card); passages take no prefix. */
    static final String QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

    private final int batchSize;
    private final ThreadPoolExecutor threads;
    private volatile @Nullable EmbeddingModel model;

    public OnnxEmbeddingEngine(int batchSize, int threads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, was " + threads);
        }
        this.batchSize = batchSize;
        this.threads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("embedding-", 1).daemon(true).factory());
        this.threads.allowCoreThreadTimeOut(true);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        for (var i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) {
                throw new IllegalArgumentException("text " + i + " is blank; there is nothing to embed");
            }
        }
        var model = model();
        var vectors = new ArrayList<float[]>(texts.size());
        for (var from = 0; from < texts.size(); from += batchSize) {
            var batch = texts.subList(from, Math.min(from + batchSize, texts.size())).stream()
                    .map(TextSegment::from)
                    .toList();
            model.embedAll(batch).content().forEach(embedding -> vectors.add(embedding.vector()));
        }
        return List.copyOf(vectors);
    }

    @Override
    public float[] embedQuery(String query) {
        if (query.isBlank()) {
            throw new IllegalArgumentException("query is blank; there is nothing to embed");
        }
        return embed(QUERY_PREFIX + query);
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String id() {
        return ID;
    }

    /** Whether this engine has needed its model yet. */
    boolean loaded() {
        return model != null;
    }

    @Override
    public void close() {
        threads.shutdown();
    }

    /*
     * Two first calls may race and each create a wrapper. That is harmless: a wrapper holds nothing but the executor,
     * and the model itself is a static of LangChain4j's class, which the JVM initialises exactly once.
     */
    private EmbeddingModel model() {
        var loaded = model;
        if (loaded == null) {
            // LangChain4j reads the model through the context class loader, which on pool threads (the common
            // ForkJoinPool, for one) cannot see the jars of a Spring Boot fat jar; use the loader that sees ours.
            var thread = Thread.currentThread();
            var previous = thread.getContextClassLoader();
            thread.setContextClassLoader(OnnxEmbeddingEngine.class.getClassLoader());
            try {
                loaded = new BgeSmallModel(threads, BgeSmall.ENCODER);
            } finally {
                thread.setContextClassLoader(previous);
            }
            model = loaded;
        }
        return loaded;
    }

    /**
     * LangChain4j's bge-small-en-v1.5 (quantized) files on a session whose runs use one thread each. The engine
     * already embeds {@code threads} texts at once; ONNX Runtime's default, an intra-op pool of one thread per core
     * in every run, would put two runs' worth of spinning threads on each core.
     */
    private static final class BgeSmall {
        static final OnnxBertBiEncoder ENCODER = load();

        private static OnnxBertBiEncoder load() {
            var loader = AbstractInProcessEmbeddingModel.class.getClassLoader();
            try (InputStream model = loader.getResourceAsStream("bge-small-en-v1.5-q.onnx");
                    InputStream tokenizer = loader.getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json");
                    var options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                var environment = OrtEnvironment.getEnvironment();
                var session = environment.createSession(Objects.requireNonNull(model, "model missing").readAllBytes(),
                        options);
                return new OnnxBertBiEncoder(environment, session, Objects.requireNonNull(tokenizer), PoolingMode.CLS);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read bge-small-en-v1.5-q from LangChain4j's jar", e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime could not load bge-small-en-v1.5-q", e);
            }
        }
    }

    private static final class BgeSmallModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        BgeSmallModel(Executor executor, OnnxBertBiEncoder encoder) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
