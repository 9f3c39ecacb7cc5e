package dev.atelier.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.atelier.AtelierApplication;
import dev.atelier.engine.EmbeddingEngine;
import dev.atelier.generation.BenchPrompts;
import dev.atelier.generation.Offering;
import dev.atelier.generation.Pricing;
import dev.atelier.identity.CreatorId;
import dev.atelier.index.CreatorIndexes;
import dev.atelier.index.IndexedChunk;
import dev.atelier.ledger.Money;
import dev.atelier.personalmodel.Exemplars;
import dev.atelier.personalmodel.ModelVersion;
import dev.atelier.personalmodel.ModelVersionId;
import dev.atelier.personalmodel.VersionStatus;

/**
 * Retrieval plus prompt assembly for one brief, at 20,000 chunks in the creator's index; the goal is p99 ≤ 30 ms.
 * The baseline, measured in the same run on the same briefs, is the same at 2,000 chunks. Run with
 * {@code bench/prompt.sh}; see bench/README.md.
 *
 * <p>What is timed is exactly what generation does before it calls the text engine, minus writing the retrieval log:
 * {@link Exemplars#retrieve} (embedding the brief with the application's embedding engine, then a hybrid BM25 +
 * HNSW search of the version's index, fused) followed by the generation module's prompt assembly, with the
 * application's own beans from a booted context (test profile, no web server). The indexes are written the way
 * training writes them: {@link IndexedChunk}s in batches of 512 into the version's namespace, for a
 * {@link ModelVersion} record made here, since no training runs.
 *
 * <p>Chunk texts are synthetic paragraphs, every one different, of 40 to 120 words drawn from topic vocabularies
 * with Zipf frequencies. {@code embedded} of them (2,000 by default) get real embeddings; each other chunk's vector is
 * a real one ({@code i mod embedded}) with a small random perturbation (cosine about 0.99 to it), since embedding all
 * 20,000 takes minutes here; {@code embedded=20000} embeds every chunk. Briefs run one at a time on one thread after
 * a warm-up, alternating between the two indexes so drift affects both alike.
 *
 * <p>Options as {@code name=value}: {@code chunks} (20000), {@code baseline-chunks} (2000), {@code embedded}
 * (2000), {@code briefs} (500), {@code warmup} (200), {@code k} (4). Prints {@code RATIO=} (p99 at {@code chunks}
 * ÷ p99 at {@code baseline-chunks}) last.
 */
public final class PromptBenchmark {

    private static final double GOAL_MILLIS = 30.0;
    private static final int INDEX_BATCH = 512;
    private static final int EMBED_BATCH = 256;
    private static final int CHUNKS_PER_WORK = 20;
    private static final float PERTURBATION = 0.15f;

    private PromptBenchmark() {
    }

    public static void main(String[] args) {
        TrainingBench.runAndExit(args, Map.of("chunks", "20000", "baseline-chunks", "2000", "embedded", "2000",
                "briefs", "500", "warmup", "200", "k", "4"), PromptBenchmark::run);
    }

    /** One creator's model as generation sees it: a ready version with its index, and an offering of it. */
    private record Model(String label, CreatorId creator, ModelVersion version, Offering offering, long chunks) {
    }

    private static int run(Map<String, String> options) throws Exception {
        var chunks = Integer.parseInt(options.get("chunks"));
        var baselineChunks = Integer.parseInt(options.get("baseline-chunks"));
        var embedded = Math.min(Integer.parseInt(options.get("embedded")), chunks);
        var briefs = Integer.parseInt(options.get("briefs"));
        var warmup = Integer.parseInt(options.get("warmup"));
        var k = Integer.parseInt(options.get("k"));
        if (embedded < 1 || baselineChunks > chunks || briefs < 1 || k < 1) {
            throw new IllegalArgumentException("need 1 <= embedded, baseline-chunks <= chunks, briefs >= 1, k >= 1");
        }
        var loadAtStart = TrainingBench.loadAverage();
        var dataDir = Files.createTempDirectory("atelier-prompt-bench");
        try (var app = boot(dataDir)) {
            var engine = app.getBean(EmbeddingEngine.class);
            var exemplars = app.getBean(Exemplars.class);
            var exemplarCharacters = BenchPrompts.exemplarCharacters(app);
            var indexes = app.getBean(CreatorIndexes.class);
            System.out.printf(Locale.ROOT, "prompt benchmark: retrieval (k=%d) plus prompt assembly; %d processors,"
                    + " Java %s, embedding engine %s%n", k, Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), engine.id());

            var random = new Random(7);
            var paragraphs = new Paragraphs(random);
            var texts = new ArrayList<String>(chunks);
            for (var i = 0; i < chunks; i++) {
                texts.add(paragraphs.paragraph(40 + random.nextInt(81)));
            }
            engine.embed(List.of("load the model before timing it"));
            var embedStart = System.nanoTime();
            var vectors = new ArrayList<float[]>(chunks);
            for (var from = 0; from < embedded; from += EMBED_BATCH) {
                vectors.addAll(engine.embed(texts.subList(from, Math.min(embedded, from + EMBED_BATCH))));
            }
            var embedSeconds = TrainingBench.secondsSince(embedStart);
            for (var i = embedded; i < chunks; i++) {
                vectors.add(perturbed(vectors.get(i % embedded), random));
            }
            System.out.printf(Locale.ROOT, "%d distinct synthetic paragraphs (mean %.0f words); %d embedded in %.1f s"
                    + " (%.0f/s), the other %d get a perturbed copy of one of those vectors%n", chunks,
                    texts.stream().mapToInt(text -> text.split(" ").length).average().orElse(0), embedded,
                    embedSeconds, embedded / embedSeconds, chunks - embedded);

            var buildStart = System.nanoTime();
            var large = model("at " + chunks, texts, vectors, chunks, indexes);
            var small = model("at " + baselineChunks, texts, vectors, baselineChunks, indexes);
            System.out.printf(Locale.ROOT, "indexes written in %.1f s: %d and %d chunks, one creator each%n",
                    TrainingBench.secondsSince(buildStart), large.chunks(), small.chunks());

            var all = new ArrayList<String>();
            for (var i = 0; i < warmup + briefs; i++) {
                all.add(paragraphs.brief());
            }
            for (var i = 0; i < warmup; i++) {
                assemble(exemplars, exemplarCharacters, large, all.get(i), k);
                assemble(exemplars, exemplarCharacters, small, all.get(i), k);
            }
            var measured = all.subList(warmup, all.size());
            var gcBefore = collections();
            var largeNanos = new long[briefs];
            var smallNanos = new long[briefs];
            var exemplarsFound = 0L;
            var promptChars = 0L;
            for (var i = 0; i < briefs; i++) {
                var brief = measured.get(i);
                if (i % 2 == 0) {
                    largeNanos[i] = timed(exemplars, exemplarCharacters, large, brief, k);
                    smallNanos[i] = timed(exemplars, exemplarCharacters, small, brief, k);
                } else {
                    smallNanos[i] = timed(exemplars, exemplarCharacters, small, brief, k);
                    largeNanos[i] = timed(exemplars, exemplarCharacters, large, brief, k);
                }
                var prompt = assemble(exemplars, exemplarCharacters, large, brief, k);
                exemplarsFound += prompt.exemplars();
                promptChars += prompt.characters();
            }
            var gcAfter = collections();
            var embedNanos = new long[briefs];
            for (var i = 0; i < briefs; i++) {
                var start = System.nanoTime();
                engine.embedQuery(measured.get(i));
                embedNanos[i] = System.nanoTime() - start;
            }

            System.out.printf(Locale.ROOT, "warm-up %d briefs on each, not counted; %d briefs of %d to %d words,"
                    + " alternating between the indexes; %.1f exemplars and %.0f prompt characters per brief%n%n",
                    warmup, briefs, measured.stream().mapToInt(b -> b.split(" ").length).min().orElse(0),
                    measured.stream().mapToInt(b -> b.split(" ").length).max().orElse(0),
                    (double) exemplarsFound / briefs, (double) promptChars / briefs);
            System.out.printf(Locale.ROOT, "%-44s %8s %8s %8s %8s %8s%n", "retrieve + assemble", "briefs", "p50 ms",
                    "p95 ms", "p99 ms", "max ms");
            print(large.label() + " chunks", largeNanos);
            print(small.label() + " chunks (baseline)", smallNanos);
            print("of which embedding the brief (alone)", embedNanos);
            System.out.printf(Locale.ROOT, "garbage collections while measuring: %d, %d ms in all%n",
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);

            var p99 = percentile(largeNanos, 0.99);
            var baselineP99 = percentile(smallNanos, 0.99);
            var ratio = p99 / baselineP99;
            System.out.println();
            System.out.printf(Locale.ROOT, "p99 at %d chunks %.2f ms (goal <= %.0f ms: %s); at %d chunks %.2f ms;"
                    + " ratio %.2f%n", chunks, p99, GOAL_MILLIS, p99 <= GOAL_MILLIS ? "met" : "NOT met",
                    baselineChunks, baselineP99, ratio);
            System.out.printf(Locale.ROOT, "load average at the start %s, at the end %s (%d processors)%n",
                    loadAtStart, TrainingBench.loadAverage(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "RESULT prompt.retrieval_assembly_p99_ms value=%.2f goal<=%.0f chunks=%d%n",
                    p99, GOAL_MILLIS, chunks);
            System.out.printf(Locale.ROOT, "RESULT prompt.p99_vs_%d_chunks ratio=%.2f%n", baselineChunks, ratio);
            System.out.printf(Locale.ROOT, "RATIO=%.4f%n", ratio);
            return 0;
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static ConfigurableApplicationContext boot(Path dataDir) {
        var app = new SpringApplication(AtelierApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setAdditionalProfiles("test");
        var properties = new LinkedHashMap<String, String>();
        properties.put("atelier.data-dir", dataDir.toString());
        // The test profile shortens exemplars to keep tests quick; measure the product's default.
        properties.put("atelier.generation.exemplar-characters", "1200");
        properties.put("spring.datasource.url", "jdbc:h2:mem:bench-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;"
                + "DB_CLOSE_DELAY=-1");
        properties.put("spring.main.log-startup-info", "false");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.dev.atelier.identity.FirstAdmin", "ERROR");
        return app.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    /** A fresh creator whose version 1 holds the first {@code count} chunks, written as training writes them. */
    private static Model model(String label, List<String> texts, List<float[]> vectors, int count,
                               CreatorIndexes indexes) {
        var creator = new CreatorId(UUID.randomUUID());
        var now = Instant.now();
        var version = new ModelVersion(ModelVersionId.random(), creator, 1, VersionStatus.READY, true, "bench", now,
                now, Map.of("chunks", count), styleProfile(), null, null, List.of());
        var index = indexes.open(creator, version.namespace());
        var batch = new ArrayList<IndexedChunk>(INDEX_BATCH);
        var work = UUID.randomUUID();
        for (var i = 0; i < count; i++) {
            if (i % CHUNKS_PER_WORK == 0) {
                work = UUID.randomUUID();
            }
            batch.add(new IndexedChunk(work + ":" + i % CHUNKS_PER_WORK, work.toString(), version.id().toString(),
                    texts.get(i), vectors.get(i), Map.of("kind", "text")));
            if (batch.size() == INDEX_BATCH || i == count - 1) {
                index.add(batch);
                batch.clear();
            }
        }
        var offering = new Offering(UUID.randomUUID(), creator, "Bench Creator", "bench-essays-" + count,
                version.id(), "Essays and short copy", Offering.OutputKind.TEXT,
                "Short essays and copy in my voice.", "Write one piece of two or three short paragraphs; keep the "
                + "client's names and facts exactly as given.", Pricing.PER_GENERATION, Money.of(500, "USD"), 3,
                false, "The licence terms.", Offering.Status.PUBLISHED, now, now);
        return new Model(label, creator, version, offering, index.count());
    }

    /** A text style profile like the ones training stores, with the fields the prompt reads. */
    private static Map<String, Object> styleProfile() {
        return Map.of("text", Map.of("documents", 1000, "meanSentenceWords", 17.6, "fleschReadingEase", 48.2,
                "distinctivePhrases", List.of(
                        Map.of("text", "quiet light", "count", 41, "score", 9.1),
                        Map.of("text", "the client's brief", "count", 33, "score", 8.4),
                        Map.of("text", "rough draft", "count", 27, "score", 7.9),
                        Map.of("text", "warm palette", "count", 22, "score", 7.2),
                        Map.of("text", "a small studio", "count", 19, "score", 6.8),
                        Map.of("text", "slow morning", "count", 15, "score", 6.1))));
    }

    private record Assembled(int exemplars, int characters) {
    }

    /** What generation does for a brief before the text engine runs: retrieve, then assemble the prompt. */
    private static Assembled assemble(Exemplars exemplars, int exemplarCharacters, Model model, String brief,
                                      int k) {
        var found = exemplars.retrieve(model.version(), model.creator(), brief, k);
        var messages = BenchPrompts.build(model.offering(), model.version().styleProfile(), found,
                exemplarCharacters, brief);
        return new Assembled(found.size(), messages.stream().mapToInt(message -> message.content().length()).sum());
    }

    private static long timed(Exemplars exemplars, int exemplarCharacters, Model model, String brief, int k) {
        var start = System.nanoTime();
        var assembled = assemble(exemplars, exemplarCharacters, model, brief, k);
        var nanos = System.nanoTime() - start;
        if (assembled.exemplars() == 0) {
            throw new IllegalStateException("no exemplars found for '" + brief + "' " + model.label());
        }
        return nanos;
    }

    /** Collections so far and milliseconds spent in them, over all collectors. */
    private static long[] collections() {
        var totals = new long[2];
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            totals[0] += Math.max(0, collector.getCollectionCount());
            totals[1] += Math.max(0, collector.getCollectionTime());
        }
        return totals;
    }

    private static void print(String label, long[] nanos) {
        System.out.printf(Locale.ROOT, "%-44s %8d %8.2f %8.2f %8.2f %8.2f%n", label, nanos.length,
                percentile(nanos, 0.50), percentile(nanos, 0.95), percentile(nanos, 0.99), percentile(nanos, 1.0));
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] nanos, double fraction) {
        var sorted = nanos.clone();
        Arrays.sort(sorted);
        var rank = Math.max(1, (int) Math.ceil(fraction * sorted.length));
        return sorted[rank - 1] / 1e6;
    }

    /** {@code vector} moved by a random direction of length {@value #PERTURBATION}, back to unit length. */
    private static float[] perturbed(float[] vector, Random random) {
        var noise = new float[vector.length];
        var squared = 0.0;
        for (var i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
            squared += noise[i] * noise[i];
        }
        var scale = (float) (PERTURBATION / Math.sqrt(squared));
        var moved = new float[vector.length];
        var length = 0.0;
        for (var i = 0; i < moved.length; i++) {
            moved[i] = vector[i] + scale * noise[i];
            length += moved[i] * moved[i];
        }
        var norm = (float) Math.sqrt(length);
        for (var i = 0; i < moved.length; i++) {
            moved[i] /= norm;
        }
        return moved;
    }

    /**
     * Synthetic prose about creative work: sentences from a few patterns over topic vocabularies, each paragraph
     * mostly about one topic, words drawn with Zipf frequencies so that common words have long posting lists.
     */
    private static final class Paragraphs {

        private static final String[][] NOUNS = {
                words("brush canvas portrait landscape sketch shadow texture pigment easel palette varnish study "
                        + "gallery frame gesso charcoal watercolour oil fresco mural"),
                words("story chapter character voice dialogue scene plot draft reader poem verse rhythm editor "
                        + "manuscript narrator essay column metaphor ending opening"),
                words("client brief deadline invoice layout typeface grid logo brand contrast margin poster "
                        + "campaign identity mockup kerning headline label packaging signage"),
                words("function method module test build server request response error value library interface "
                        + "refactor commit branch release schema query cache thread"),
                words("melody chord tempo guitar piano song lyric mix track beat studio silence harmony chorus "
                        + "bridge rehearsal microphone bass drummer session"),
                words("camera lens focus exposure print film street harbour aperture darkroom negative portrait "
                        + "light grain shutter tripod horizon dusk window reflection"),
                words("clay glaze kiln wheel thread fabric loom stitch wood grain chisel bench pattern dye needle "
                        + "workshop bowl vase quilt apron")};
        private static final String[] ADJECTIVES = words("quiet bright dark warm cold soft sharp rough smooth deep "
                + "small large early late slow fast careful honest plain bold muted subtle heavy light patient "
                + "unfinished generous strange familiar tender restless");
        private static final String[] VERBS = words("shapes follows frames softens sharpens carries holds breaks "
                + "opens closes balances answers echoes hides reveals steadies loosens gathers anchors quiets");
        private static final String[] LINKS = words("with against beneath beside through across toward within "
                + "around after before under over");
        private static final String[] OPENERS = {"In the studio,", "Most mornings,", "For this client,",
                "On the second draft,", "Looking back,", "Once again,", "By the end of the week,", "At first,"};
        private static final String[] FORMS = {"a short essay", "a product description", "a newsletter intro",
                "a poem", "an artist statement", "a landing page", "a README section", "a press release",
                "song lyrics", "a gallery caption", "a blog post", "a cover letter"};
        private static final String[] AUDIENCES = {"a small bakery", "a climate charity", "a local gallery",
                "an indie game studio", "a ceramics shop", "a music festival", "a bicycle workshop",
                "a photography school", "an open-source library", "a design agency"};

        private final Random random;
        private final double[] zipf;

        Paragraphs(Random random) {
            this.random = random;
            var longest = Arrays.stream(NOUNS).mapToInt(nouns -> nouns.length).max().orElseThrow();
            zipf = new double[Math.max(longest, ADJECTIVES.length)];
            var sum = 0.0;
            for (var rank = 1; rank <= zipf.length; rank++) {
                sum += 1.0 / rank;
                zipf[rank - 1] = sum;
            }
            for (var i = 0; i < zipf.length; i++) {
                zipf[i] /= sum;
            }
        }

        String paragraph(int words) {
            var topic = random.nextInt(NOUNS.length);
            var text = new StringBuilder();
            while (text.isEmpty() || text.toString().split(" ").length < words) {
                var nouns = random.nextInt(5) == 0 ? NOUNS[random.nextInt(NOUNS.length)] : NOUNS[topic];
                if (random.nextInt(3) == 0) {
                    text.append(pick(OPENERS)).append(" the ");
                } else {
                    text.append("The ");
                }
                text.append(zipfPick(ADJECTIVES)).append(' ').append(zipfPick(nouns)).append(' ')
                        .append(pick(VERBS)).append(" the ").append(zipfPick(nouns)).append(' ')
                        .append(pick(LINKS)).append(" a ").append(zipfPick(ADJECTIVES)).append(' ')
                        .append(zipfPick(nouns)).append(". ");
            }
            return text.toString().strip();
        }

        String brief() {
            var nouns = NOUNS[random.nextInt(NOUNS.length)];
            var brief = "Write " + pick(FORMS) + " for " + pick(AUDIENCES) + " about the " + zipfPick(ADJECTIVES)
                    + " " + zipfPick(nouns) + " and the " + zipfPick(nouns) + ".";
            if (random.nextBoolean()) {
                brief += " Keep it " + zipfPick(ADJECTIVES) + " and " + zipfPick(ADJECTIVES) + ", and mention the "
                        + zipfPick(nouns) + " " + pick(LINKS) + " the " + zipfPick(nouns) + ".";
            }
            return brief;
        }

        private String zipfPick(String[] options) {
            var position = Arrays.binarySearch(zipf, random.nextDouble() * zipf[options.length - 1]);
            return options[Math.min(position >= 0 ? position : -position - 1, options.length - 1)];
        }

        private String pick(String[] options) {
            return options[random.nextInt(options.length)];
        }

        private static String[] words(String text) {
            return text.split(" ");
        }
    }
}
