package dev.atelier.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;

import dev.atelier.Api;
import dev.atelier.AtelierApplication;
import dev.atelier.Fixtures;
import dev.atelier.engine.EmbeddingEngine;
import dev.atelier.identity.CreatorId;
import dev.atelier.personalmodel.TrainingJob;
import dev.atelier.personalmodel.TrainingRuns;

/**
 * What the training benchmarks share: the application booted with the test profile (in-memory H2 unless
 * {@code ATELIER_DB_URL} is set, files in a temporary directory), creators set up and trained through the REST API
 * exactly as a creator would (MockMvc, through the security filters), and a meter around the application's
 * {@link EmbeddingEngine} bean that times every call the training job makes to it.
 *
 * <p>A training is started with {@code POST /api/model/trainings}, which runs it on the application's own training
 * thread; this class polls the job every {@value #POLL_MILLIS} ms through {@link TrainingRuns#job} and notes when its
 * phase changes. A job's wall time is its own {@code startedAt} to {@code finishedAt}, both stamped by the job.
 */
final class TrainingBench implements AutoCloseable {

    static final int PARAGRAPHS_PER_WORK = 21;
    private static final int POLL_MILLIS = 50;
    private static final int FILES_PER_UPLOAD = 20;
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    final ConfigurableApplicationContext context;
    final Api api;
    final TrainingRuns trainings;
    final MeteredEmbeddingEngine meter;
    private final Path dataDir;

    private TrainingBench(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
        this.api = context.getBean(Api.class);
        this.trainings = context.getBean(TrainingRuns.class);
        this.meter = context.getBean(MeteredEmbeddingEngine.class);
    }

    /** Boots the application; properties given as {@code name=value} override everything else. */
    /** What a benchmark's main does once its options are read; returns the process exit status. */
    interface Benchmark {
        int run(Map<String, String> options) throws Exception;
    }

    /** Runs the benchmark and exits: under exec the application's threads would otherwise keep the JVM alive. */
    static void runAndExit(String[] args, Map<String, String> defaults, Benchmark benchmark) {
        var status = 1;
        try {
            status = benchmark.run(options(args, defaults));
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.exit(status);
        }
    }

    static TrainingBench boot(Map<String, String> extraProperties) throws IOException {
        var dataDir = Files.createTempDirectory("atelier-training-bench");
        var app = new SpringApplication(AtelierApplication.class, Setup.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.setBannerMode(Banner.Mode.OFF);
        app.setAdditionalProfiles("test");
        var properties = new LinkedHashMap<String, String>();
        properties.put("server.port", "0");
        properties.put("atelier.data-dir", dataDir.toString());
        if (System.getenv("ATELIER_DB_URL") == null) {
            properties.put("spring.datasource.url", "jdbc:h2:mem:bench-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;"
                    + "DB_CLOSE_DELAY=-1");
        }
        properties.put("spring.main.log-startup-info", "false");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.dev.atelier.identity.FirstAdmin", "ERROR");
        properties.putAll(extraProperties);
        var context = app.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
        return new TrainingBench(context, dataDir);
    }

    String databaseUrl() {
        var url = context.getEnvironment().getProperty("spring.datasource.url", "?");
        return url.contains(";") ? url.substring(0, url.indexOf(';')) : url;
    }

    String setting(String name, String fallback) {
        return context.getEnvironment().getProperty(name, fallback);
    }

    /** The engine's {@code atelier.engine.embedding.threads}, 0 resolved to the processor count as the engine does. */
    int embeddingThreads() {
        var threads = Integer.parseInt(setting("atelier.engine.embedding.threads", "0"));
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /**
     * Times the application's embedding engine: every call's start, duration and number of texts, and, while
     * {@link #recording} is on, the texts and vectors themselves.
     */
    static final class MeteredEmbeddingEngine implements EmbeddingEngine, AutoCloseable {

        record Call(Instant started, long nanos, List<String> texts, @Nullable List<float[]> vectors) {
        }

        private final EmbeddingEngine engine;
        private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        volatile boolean recording;

        MeteredEmbeddingEngine(EmbeddingEngine engine) {
            this.engine = engine;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            var started = Instant.now();
            var start = System.nanoTime();
            var vectors = engine.embed(texts);
            var nanos = System.nanoTime() - start;
            calls.add(new Call(started, nanos, List.copyOf(texts), recording ? vectors : null));
            return vectors;
        }

        @Override
        public float[] embedQuery(String query) {
            return engine.embedQuery(query);
        }

        @Override
        public int dimensions() {
            return engine.dimensions();
        }

        @Override
        public String id() {
            return engine.id();
        }

        int mark() {
            return calls.size();
        }

        List<Call> since(int mark) {
            synchronized (calls) {
                return List.copyOf(calls.subList(mark, calls.size()));
            }
        }

        @Override
        public void close() throws Exception {
            if (engine instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /**
     * Adds MockMvc (with the security filters) and the tests' API client, and meters the embedding engine. Passed to
     * {@link SpringApplication} as a source, and deliberately not a {@code @Configuration}: the tests' component scan
     * of {@code dev.atelier} would otherwise pick it up and meter the engine in every test context.
     */
    @AutoConfigureMockMvc
    @Import(Api.class)
    static class Setup {

        @Bean
        static BeanPostProcessor meteredEmbeddings() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof EmbeddingEngine engine && !(bean instanceof MeteredEmbeddingEngine)
                            ? new MeteredEmbeddingEngine(engine) : bean;
                }
            };
        }
    }

    // Creators and works

    /** An approved creator with a paid subscription, so AI features are on. */
    Api.Actor entitledCreator() throws Exception {
        var creator = api.approvedCreator(10_000);
        api.as(creator, post("/api/subscription").header("Idempotency-Key", "bench-" + UUID.randomUUID()))
                .andExpect(status().isCreated());
        return creator;
    }

    /** Work {@code n}'s text: {@value #PARAGRAPHS_PER_WORK} formal paragraphs, about 20 chunks. */
    static String workText(int n, long seed) {
        return workText(n, seed, -1);
    }

    /** The same text with paragraph {@code changed} (if not -1) written differently. */
    static String workText(int n, long seed, int changed) {
        var text = new StringBuilder();
        for (var p = 0; p < PARAGRAPHS_PER_WORK; p++) {
            var paragraphSeed = seed * 1_000_003L + n * 1_000L + p + (p == changed ? 500 : 0);
            text.append(Fixtures.formalEssay(1, paragraphSeed));
        }
        return text.toString();
    }

    static MockMultipartFile textFile(String name, String text) {
        return new MockMultipartFile("files", name, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads with "I own these" ticked, which turns training consent on. */
    void upload(Api.Actor creator, List<MockMultipartFile> files) throws Exception {
        for (var from = 0; from < files.size(); from += FILES_PER_UPLOAD) {
            var request = multipart("/api/portfolio/works");
            files.subList(from, Math.min(files.size(), from + FILES_PER_UPLOAD)).forEach(request::file);
            api.as(creator, request.param("ownership", "true")).andExpect(status().isCreated());
        }
    }

    /** {@code works} works named {@code work-000.txt} and on. */
    void uploadWorks(Api.Actor creator, int works, long seed) throws Exception {
        var files = new ArrayList<MockMultipartFile>();
        for (var n = 0; n < works; n++) {
            files.add(textFile(workName(n), workText(n, seed)));
        }
        upload(creator, files);
    }

    static String workName(int n) {
        return String.format("work-%03d.txt", n);
    }

    /** The id of the creator's work uploaded from a file of this name. */
    String workId(Api.Actor creator, String fileName) throws Exception {
        for (var work : api.body(api.as(creator, get("/api/portfolio/works")).andExpect(status().isOk()))) {
            if (work.get("fileName").asString().equals(fileName)) {
                return work.get("id").asString();
            }
        }
        throw new IllegalStateException("no work uploaded as " + fileName);
    }

    void deleteWork(Api.Actor creator, String workId) throws Exception {
        api.as(creator, delete("/api/portfolio/works/" + workId)).andExpect(status().isNoContent());
    }

    static CreatorId id(Api.Actor creator) {
        return CreatorId.parse(creator.id());
    }

    // Trainings

    /** A finished training and what was seen of it. */
    record Run(TrainingJob job, int chunks, int items, double jobSeconds, List<MeteredEmbeddingEngine.Call> calls,
               Map<String, Instant> phases, @Nullable Instant embeddingDone) {

        double embedSeconds() {
            return calls.stream().mapToLong(MeteredEmbeddingEngine.Call::nanos).sum() / 1e9;
        }

        long textsEmbedded() {
            return calls.stream().mapToLong(call -> call.texts().size()).sum();
        }

        double chunksPerSecond() {
            return chunks / jobSeconds;
        }

        Instant started() {
            return Objects.requireNonNull(job.startedAt());
        }

        Instant finished() {
            return Objects.requireNonNull(job.finishedAt());
        }

        /**
         * Where the job's time went, in seconds: embedding (timed around each engine call), chunking, look-ups and
         * saving chunks with their vectors (the rest of the embedding phase), indexing, then profiling the style and
         * training the classifier. The boundaries are polled, so each is good to about {@value #POLL_MILLIS} ms.
         */
        Map<String, Double> breakdown() {
            var breakdown = new LinkedHashMap<String, Double>();
            var profiling = phases.getOrDefault("profiling", finished());
            var embedded = embeddingDone == null ? profiling : embeddingDone;
            var embed = embedSeconds();
            breakdown.put("embedding (engine calls)", embed);
            breakdown.put("chunking, vector look-up, saving chunks", Math.max(0, seconds(started(), embedded) - embed));
            breakdown.put("indexing (Lucene)", seconds(embedded, profiling));
            breakdown.put("style profile + classifier", seconds(profiling, finished()));
            return breakdown;
        }

        String breakdownLine() {
            var parts = new ArrayList<String>();
            breakdown().forEach((name, secs) -> parts.add(String.format(java.util.Locale.ROOT, "%s %.2f s (%.0f%%)",
                    name, secs, 100 * secs / jobSeconds)));
            return String.join(", ", parts);
        }
    }

    /** Starts a training as the creator does and waits for it to end. */
    Run train(Api.Actor creator) throws Exception {
        var mark = meter.mark();
        var job = api.body(api.as(creator, post("/api/model/trainings")).andExpect(status().isCreated()));
        return await(creator, UUID.fromString(job.get("id").asString()), mark);
    }

    /** Waits for the creator's next training after {@code previous} (one the application started itself) to end. */
    Run awaitNext(Api.Actor creator, @Nullable UUID previous, int mark) throws Exception {
        var deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            var latest = trainings.latest(id(creator));
            if (latest.isPresent() && !latest.get().id().equals(previous)) {
                return await(creator, latest.get().id(), mark);
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("no new training started within " + TIMEOUT);
    }

    private Run await(Api.Actor creator, UUID jobId, int mark) throws Exception {
        var creatorId = id(creator);
        var phases = new HashMap<String, Instant>();
        Instant embeddingDone = null;
        var deadline = System.nanoTime() + TIMEOUT.toNanos();
        TrainingJob job;
        while (true) {
            job = trainings.job(creatorId, jobId).orElseThrow();
            var now = Instant.now();
            phases.putIfAbsent(job.phase(), now);
            if (embeddingDone == null && job.phase().equals("embedding") && job.done() == job.total()) {
                embeddingDone = now;
            }
            if (job.status().finished()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("training " + jobId + " did not finish within " + TIMEOUT);
            }
            Thread.sleep(POLL_MILLIS);
        }
        if (job.status() != TrainingJob.Status.SUCCEEDED) {
            throw new IllegalStateException("training " + jobId + " ended " + job.status() + ": " + job.error());
        }
        if (embeddingDone == null) {
            // The last embedding checkpoint came and went between two polls; indexing had begun by the next one.
            embeddingDone = Stream.of(phases.get("indexing"), phases.get("profiling")).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(null);
        }
        var version = api.body(api.as(creator, get("/api/model/versions/" + job.version().value()))
                .andExpect(status().isOk()));
        var metrics = version.get("metrics");
        var started = Objects.requireNonNull(job.startedAt());
        var calls = meter.since(mark).stream().filter(call -> !call.started().isBefore(started)).toList();
        return new Run(job, metrics.get("chunks").asInt(), metrics.get("items").asInt(),
                seconds(Objects.requireNonNull(job.startedAt()), Objects.requireNonNull(job.finishedAt())), calls,
                phases, embeddingDone);
    }

    /** The 1-minute load average, for telling whether something else ran meanwhile; "?" where unknown. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            var load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "?" : String.format(java.util.Locale.ROOT, "%.2f", load);
        }
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    static Map<String, String> options(String[] args, Map<String, String> defaults) {
        var given = new LinkedHashMap<>(defaults);
        for (var arg : args) {
            var plain = arg.startsWith("--") ? arg.substring(2) : arg;
            var eq = plain.indexOf('=');
            if (eq < 1 || !defaults.containsKey(plain.substring(0, eq))) {
                throw new IllegalArgumentException("expected one of " + defaults.keySet().stream()
                        .map(name -> name + "=…").toList() + ", got '" + arg + "'");
            }
            given.put(plain.substring(0, eq), plain.substring(eq + 1));
        }
        return given;
    }

    @Override
    public void close() throws IOException {
        context.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
