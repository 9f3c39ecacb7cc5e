package dev.atelier.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import dev.atelier.AtelierApplication;
import dev.atelier.Fixtures;
import dev.atelier.engine.ChatMessage;
import dev.atelier.engine.TinyGguf;
import dev.atelier.generation.BenchPrompts;
import tools.jackson.databind.ObjectMapper;

/**
 * Tokens per second through {@code POST /v1/chat/completions} over HTTP against java-llama.cpp called directly, on
 * the same GGUF with the same threads and context, in one JVM; the goal is a ratio of at least 0.97. Run with
 * {@code bench/generation.sh}; see bench/README.md.
 *
 * <ol>
 * <li>Boots the whole application on a random port (test profile: in-memory H2, dev mode, files in a temporary
 *     directory) with {@code atelier.engine.text.model} the GGUF, one slot, {@code threads} threads and
 *     {@code context} tokens of context.
 * <li>Sets up over HTTP as people would: a vetted, subscribed creator uploads two short texts, trains and publishes
 *     an offering; a client is topped up by the admin and creates an API key.
 * <li>API side: a non-streaming chat completion with a fixed brief, {@code max_tokens}, temperature 0 and a fixed
 *     seed. Tokens/s = {@code usage.completion_tokens} ÷ the wall time of the HTTP exchange (request sent to body
 *     read), so it includes authentication, retrieval (embedding the brief, searching the creator's index), prompt
 *     assembly, templating, billing, delivery, licence and manifest.
 * <li>Direct side: a second {@link LlamaModel} loaded from the same file with the engine's own model parameters,
 *     generating from the very prompt the API's engine renders: the same retrieval and assembly (the generation
 *     module's own code), the same chat conversion and the GGUF's chat template, the same token limit, temperature,
 *     seed and no prompt cache. Tokens/s = streamed tokens ÷ the wall time of {@code generate} until its last token.
 *     The prompt token counts of both sides are checked to be equal.
 * <li>After {@code warmup} calls of each (the first API call loads the model), {@code runs} calls of each alternate,
 *     API then direct, so drift on the machine hits both alike; the medians of each side's tokens/s are compared.
 * </ol>
 *
 * <p>Options as {@code name=value}, defaults from the environment: {@code gguf} ({@code ATELIER_BENCH_GGUF}, else the
 * tests' tiny random-weight GGUF), {@code threads} ({@code ATELIER_BENCH_THREADS}, else one per processor),
 * {@code max-tokens} ({@code ATELIER_BENCH_MAX_TOKENS}, 256), {@code runs} ({@code ATELIER_BENCH_RUNS}, 10),
 * {@code warmup} (2), {@code context} ({@code ATELIER_BENCH_CONTEXT}, 16384). Prints {@code RATIO=} last.
 *
 * <p>java-llama.cpp 4.2.0 leaves a non-daemon thread behind once a model has loaded, so this exits explicitly.
 */
public final class GenerationBenchmark {

    private static final double GOAL = 0.97;
    private static final long SEED = 42;
    private static final String ADMIN_EMAIL = "bench-admin@atelier.test";
    private static final String ADMIN_PASSWORD = "bench-admin-password-123";
    private static final String BRIEF = "Write a short essay for our members on why a small foundation should "
            + "explain its funding decisions plainly, and what it gains from doing so.";

    private GenerationBenchmark() {
    }

    public static void main(String[] args) {
        var defaults = new LinkedHashMap<String, String>();
        defaults.put("gguf", env("ATELIER_BENCH_GGUF", ""));
        defaults.put("threads", env("ATELIER_BENCH_THREADS",
                String.valueOf(Runtime.getRuntime().availableProcessors())));
        defaults.put("max-tokens", env("ATELIER_BENCH_MAX_TOKENS", "256"));
        defaults.put("runs", env("ATELIER_BENCH_RUNS", "10"));
        defaults.put("warmup", "2");
        defaults.put("context", env("ATELIER_BENCH_CONTEXT", "16384"));
        TrainingBench.runAndExit(args, defaults, GenerationBenchmark::run);
    }

    /** One timed generation; {@code firstTokenSeconds} is NaN where unknown (the API's answer comes whole). */
    private record Sample(int tokens, double seconds, double firstTokenSeconds, int promptTokens, String text) {

        double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    private static int run(Map<String, String> options) throws Exception {
        var gguf = options.get("gguf").isBlank() ? TinyGguf.path() : Path.of(options.get("gguf")).toAbsolutePath();
        var threads = positive(options, "threads");
        var maxTokens = positive(options, "max-tokens");
        var runs = positive(options, "runs");
        var warmup = Integer.parseInt(options.get("warmup"));
        var context = positive(options, "context");
        if (!Files.isRegularFile(gguf)) {
            throw new IllegalArgumentException("no GGUF file at " + gguf);
        }
        var loadAtStart = TrainingBench.loadAverage();
        var dataDir = Files.createTempDirectory("atelier-generation-bench");
        var bootStart = System.nanoTime();
        try (var app = boot(dataDir, gguf, threads, maxTokens, context)) {
            var port = app.getEnvironment().getRequiredProperty("local.server.port");
            var api = new HttpApi(URI.create("http://127.0.0.1:" + port), app.getBean(ObjectMapper.class),
                    ADMIN_EMAIL, ADMIN_PASSWORD);
            System.out.printf(Locale.ROOT, "generation benchmark: %s (%.1f MB), %d threads, %d tokens of context,"
                    + " max_tokens %d, temperature 0, seed %d; %d processors, Java %s; booted in %.1f s on port %s%n",
                    gguf.getFileName(), Files.size(gguf) / 1e6, threads, context, maxTokens, SEED,
                    Runtime.getRuntime().availableProcessors(), Runtime.version(),
                    TrainingBench.secondsSince(bootStart), port);

            var setupStart = System.nanoTime();
            var creator = api.entitledCreator(10_000);
            api.uploadTexts(creator, Map.of("essay-1.txt", Fixtures.formalEssay(10, 1),
                    "essay-2.txt", Fixtures.formalEssay(10, 2)));
            api.train(creator);
            var offering = api.publish(creator, Map.of("title", "Foundation essays", "outputKind", "TEXT",
                    "description", "Short essays on institutional matters in my voice.",
                    "guidance", "Write one essay of two short paragraphs.", "pricing", "PER_GENERATION",
                    "price", "0.10", "freePreviewsPerDay", 3, "reviewBeforeRelease", false));
            var slug = offering.get("slug").asString();
            var client = api.signUp("CLIENT");
            api.topUp(client, 100_000_000L);
            System.out.printf(Locale.ROOT, "set up over HTTP in %.1f s: creator trained on 2 texts, offering '%s',"
                    + " client with an API key%n", TrainingBench.secondsSince(setupStart), slug);

            var chat = api.write(Map.of("model", slug, "messages", List.of(Map.of("role", "user", "content", BRIEF)),
                    "max_tokens", maxTokens, "temperature", 0, "seed", SEED, "stream", false));
            var apiCall = api.request(client, "/v1/chat/completions").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(chat)).build();

            var loadStart = System.nanoTime();
            var first = callApi(api, apiCall);
            System.out.printf(Locale.ROOT, "API warm-up 1 (loads the model into the application): %.2f s, %d prompt"
                    + " tokens, %d completion tokens%n", TrainingBench.secondsSince(loadStart), first.promptTokens(),
                    first.tokens());
            for (var w = 1; w < warmup; w++) {
                callApi(api, apiCall);
            }

            var directLoad = System.nanoTime();
            try (var direct = new LlamaModel(new ModelParameters()
                    .setModel(gguf.toString())
                    .setCtxSize(context)
                    .setParallel(1)
                    .setThreads(threads)
                    .setThreadsBatch(threads)
                    .enableJinja()
                    .disableLog())) {
                // The brief exactly as the API takes it from a single user message (ChatRequest.parse strips it).
                var messages = BenchPrompts.apiPrompt(app, slug, BRIEF.strip());
                var prompt = direct.applyTemplate(chat(messages));
                var promptTokens = direct.encode(prompt).length;
                System.out.printf(Locale.ROOT, "direct model loaded in %.2f s; the API's prompt rendered by the GGUF's"
                        + " chat template: %d characters, %d tokens (API reported %d: %s)%n",
                        TrainingBench.secondsSince(directLoad), prompt.length(), promptTokens, first.promptTokens(),
                        promptTokens == first.promptTokens() ? "same" : "DIFFERENT");
                if (promptTokens != first.promptTokens()) {
                    return 1;
                }
                // As the engine: the limit leaves room for the prompt, a beginning-of-sequence token and one spare.
                var limit = Math.min(maxTokens, context - promptTokens - 2);
                for (var w = 0; w < warmup; w++) {
                    generate(direct, prompt, limit, promptTokens);
                }

                var apiSamples = new ArrayList<Sample>();
                var directSamples = new ArrayList<Sample>();
                System.out.printf(Locale.ROOT, "warm-up: %d calls of each, not counted; then %d of each, alternating%n",
                        warmup, runs);
                System.out.printf(Locale.ROOT, "%4s %12s %10s %10s %12s %10s %10s%n", "run", "API tokens", "API s",
                        "API tok/s", "direct tok", "direct s", "direct t/s");
                for (var r = 0; r < runs; r++) {
                    var a = callApi(api, apiCall);
                    var d = generate(direct, prompt, limit, promptTokens);
                    apiSamples.add(a);
                    directSamples.add(d);
                    System.out.printf(Locale.ROOT, "%4d %12d %10.3f %10.1f %12d %10.3f %10.1f%n", r + 1, a.tokens(),
                            a.seconds(), a.tokensPerSecond(), d.tokens(), d.seconds(), d.tokensPerSecond());
                }

                var apiRate = median(apiSamples.stream().mapToDouble(Sample::tokensPerSecond).toArray());
                var directRate = median(directSamples.stream().mapToDouble(Sample::tokensPerSecond).toArray());
                var extra = new double[runs];
                for (var r = 0; r < runs; r++) {
                    extra[r] = apiSamples.get(r).seconds() - directSamples.get(r).seconds();
                }
                var sameText = apiSamples.stream().allMatch(a -> a.text().equals(directSamples.getFirst().text()))
                        && directSamples.stream().allMatch(d -> d.text().equals(directSamples.getFirst().text()));
                System.out.printf(Locale.ROOT, "API (POST /v1/chat/completions over HTTP): median %.1f tokens/s,"
                        + " tokens per call %s, median call %.3f s%n", apiRate, tokenRange(apiSamples),
                        median(apiSamples.stream().mapToDouble(Sample::seconds).toArray()));
                System.out.printf(Locale.ROOT, "direct (java-llama.cpp LlamaModel.generate): median %.1f tokens/s,"
                        + " tokens per call %s, median call %.3f s%n", directRate, tokenRange(directSamples),
                        median(directSamples.stream().mapToDouble(Sample::seconds).toArray()));
                var firstTokens = directSamples.stream().mapToDouble(Sample::firstTokenSeconds).toArray();
                var decodeRates = directSamples.stream().filter(d -> d.tokens() > 1)
                        .mapToDouble(d -> (d.tokens() - 1) / (d.seconds() - d.firstTokenSeconds())).toArray();
                System.out.printf(Locale.ROOT, "  of which prompt evaluation (to the first token) median %.3f s,"
                        + " then decoding median %.1f tokens/s%n", median(firstTokens), median(decodeRates));
                System.out.printf(Locale.ROOT, "the API call took %.1f ms longer than the direct generation after it"
                        + " (median of the pairs); all %d texts identical: %s%n", median(extra) * 1000, 2 * runs,
                        sameText ? "yes" : "no");

                var ratio = apiRate / directRate;
                var assembly = new double[Math.min(runs, 20)];
                for (var i = 0; i < assembly.length; i++) {
                    var start = System.nanoTime();
                    BenchPrompts.apiPrompt(app, slug, BRIEF.strip());
                    assembly[i] = TrainingBench.secondsSince(start);
                }
                System.out.printf(Locale.ROOT, "  of which retrieval, prompt assembly and retrieval log (in-process,"
                        + " timed apart): median %.1f ms%n", median(assembly) * 1000);
                System.out.printf(Locale.ROOT, "API / direct tokens/s %.3f (goal >= %.2f: %s) [%s, %d threads, %d max"
                        + " tokens, %d prompt tokens, %d runs each]%n", ratio, GOAL, ratio >= GOAL ? "met" : "NOT met",
                        gguf.getFileName(), threads, maxTokens, promptTokens, runs);
                System.out.printf(Locale.ROOT, "load average at the start %s, at the end %s (%d processors)%n",
                        loadAtStart, TrainingBench.loadAverage(), Runtime.getRuntime().availableProcessors());
                System.out.printf(Locale.ROOT, "RESULT generation.api_vs_direct_tokens_per_s ratio=%.3f goal>=%.2f"
                        + " api=%.1f direct=%.1f%n", ratio, GOAL, apiRate, directRate);
                System.out.printf(Locale.ROOT, "RATIO=%.4f%n", ratio);
                return 0;
            }
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static ConfigurableApplicationContext boot(Path dataDir, Path gguf, int threads, int maxTokens,
                                                       int context) {
        var app = new SpringApplication(AtelierApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.setBannerMode(Banner.Mode.OFF);
        app.setAdditionalProfiles("test");
        var properties = new LinkedHashMap<String, String>();
        properties.put("server.port", "0");
        properties.put("atelier.data-dir", dataDir.toString());
        // The test profile shortens exemplars to keep tests quick; measure the product's default.
        properties.put("atelier.generation.exemplar-characters", "1200");
        properties.put("spring.datasource.url", "jdbc:h2:mem:bench-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;"
                + "DB_CLOSE_DELAY=-1");
        properties.put("atelier.dev-mode", "true");
        properties.put("atelier.admin.email", ADMIN_EMAIL);
        properties.put("atelier.admin.password", ADMIN_PASSWORD);
        properties.put("atelier.engine.text.id", "llama-cpp");
        properties.put("atelier.engine.text.model", gguf.toString());
        properties.put("atelier.engine.text.slots", "1");
        properties.put("atelier.engine.text.threads", String.valueOf(threads));
        properties.put("atelier.engine.text.context-size", String.valueOf(context));
        properties.put("atelier.engine.text.timeout", "30m");
        properties.put("atelier.generation.max-tokens", String.valueOf(Math.max(16, maxTokens)));
        properties.put("atelier.generation.timeout", "30m");
        properties.put("spring.main.log-startup-info", "false");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.dev.atelier.identity.FirstAdmin", "ERROR");
        return app.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    private static Sample callApi(HttpApi api, HttpRequest call) throws Exception {
        var start = System.nanoTime();
        var response = api.send(call);
        var seconds = TrainingBench.secondsSince(start);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /v1/chat/completions answered " + response.statusCode() + ": "
                    + response.body());
        }
        var body = api.read(response.body());
        var usage = body.get("usage");
        return new Sample(usage.get("completion_tokens").asInt(), seconds, Double.NaN,
                usage.get("prompt_tokens").asInt(),
                body.get("choices").get(0).get("message").get("content").asString());
    }

    /**
     * What {@code LlamaCppTextEngine} runs for a completion, minus the application: the same inference parameters
     * (temperature 0, the seed folded to 31 bits as {@code CompletionRequest.seed31} does, no prompt cache), streamed
     * and counted as the engine counts, one token per piece except the last, which only ends the stream.
     */
    private static Sample generate(LlamaModel model, String prompt, int limit, int promptTokens) {
        var seed31 = (int) (SEED ^ (SEED >>> 32)) & Integer.MAX_VALUE;
        var text = new StringBuilder();
        var tokens = 0;
        var firstToken = 0L;
        var start = System.nanoTime();
        var outputs = model.generate(new InferenceParameters(prompt)
                .setNPredict(limit)
                .setTemperature(0f)
                .setSeed(seed31)
                .setCachePrompt(false)).iterator();
        while (outputs.hasNext()) {
            var output = outputs.next();
            text.append(output.text);
            if (outputs.hasNext()) {
                tokens++;
                if (tokens == 1) {
                    firstToken = System.nanoTime();
                }
            }
        }
        var seconds = TrainingBench.secondsSince(start);
        return new Sample(tokens, seconds, tokens == 0 ? seconds : (firstToken - start) / 1e9, promptTokens, text.toString().strip());
    }

    /** The messages in java-llama.cpp's form exactly as {@code LlamaCppTextEngine} converts them. */
    private static InferenceParameters chat(List<ChatMessage> messages) {
        var system = messages.stream()
                .filter(message -> message.role() == ChatMessage.Role.SYSTEM)
                .map(ChatMessage::content)
                .collect(Collectors.joining("\n\n"));
        var turns = new ArrayList<Pair<String, String>>();
        for (var message : messages) {
            switch (message.role()) {
                case USER -> turns.add(new Pair<>("user", message.content()));
                case ASSISTANT -> turns.add(new Pair<>("assistant", message.content()));
                case SYSTEM -> {
                }
            }
        }
        return new InferenceParameters("").setMessages(system.isEmpty() ? null : system, turns);
    }

    private static String tokenRange(List<Sample> samples) {
        var min = samples.stream().mapToInt(Sample::tokens).min().orElse(0);
        var max = samples.stream().mapToInt(Sample::tokens).max().orElse(0);
        return min == max ? String.valueOf(min) : min + " to " + max;
    }

    private static double median(double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        var n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int positive(Map<String, String> options, String name) {
        var value = Integer.parseInt(options.get(name));
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
