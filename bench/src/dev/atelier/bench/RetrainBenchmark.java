package dev.atelier.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.atelier.index.CreatorIndexes;
import dev.atelier.personalmodel.ModelVersions;

/**
 * Retraining after 1% of a creator's items changed, against a full training; the goal is a time ratio of at most
 * 0.05. Run with {@code bench/retrain.sh}; see bench/README.md.
 *
 * <ol>
 * <li>Boots the application (test profile: in-memory H2 unless {@code ATELIER_DB_URL} is set) and trains a small
 *     warm-up creator, so that the model is loaded, the background corpus embedded (both are kept for the life of
 *     the process, as in production) and the JIT warm.
 * <li>Full training: a fresh entitled creator uploads {@code works} plain-text works (about 20 chunks each) and
 *     starts a training with {@code POST /api/model/trainings}; nothing of theirs has been embedded yet.
 * <li>The change: one work of the {@code works} (1% at the default 100) is edited, one paragraph in the middle
 *     rewritten, the way a creator can through the API: upload the new version, then delete the old one. Deleting
 *     retires the version that learned from it and starts a retraining on its own (no request needed), whose lineage
 *     holds the new version.
 * <li>Both times are job wall times ({@code startedAt} to {@code finishedAt}). Every call the jobs make to the
 *     embedding engine is counted, so the run shows how many chunks were embedded and how many were found again by
 *     content hash, and checks that the count equals the new version's chunks.
 * </ol>
 *
 * <p>Options as {@code name=value}: {@code works} (100), {@code warmup-works} (5). Prints {@code RATIO=} last.
 */
public final class RetrainBenchmark {

    private static final double GOAL = 0.05;

    private RetrainBenchmark() {
    }

    public static void main(String[] args) {
        TrainingBench.runAndExit(args, Map.of("works", "100", "warmup-works", "5"), RetrainBenchmark::run);
    }

    private static int run(Map<String, String> options) throws Exception {
        var works = Integer.parseInt(options.get("works"));
        var warmupWorks = Integer.parseInt(options.get("warmup-works"));
        if (works < 2) {
            throw new IllegalArgumentException("works must be at least 2");
        }
        var loadAtStart = TrainingBench.loadAverage();
        var bootStart = System.nanoTime();
        try (var bench = TrainingBench.boot(Map.of())) {
            System.out.printf(Locale.ROOT, "retrain benchmark: %d works of generated prose, one of them changed (%.1f%%),"
                    + " %s, %d processors, Java %s; booted in %.1f s%n", works, 100.0 / works, bench.databaseUrl(),
                    Runtime.getRuntime().availableProcessors(), Runtime.version(),
                    TrainingBench.secondsSince(bootStart));

            var warmupCreator = bench.entitledCreator();
            bench.uploadWorks(warmupCreator, warmupWorks, 1);
            var warmup = bench.train(warmupCreator);
            System.out.printf(Locale.ROOT, "warm-up training: %d chunks in %.1f s (first use: loads the model and"
                    + " embeds the background corpus; not counted)%n", warmup.chunks(), warmup.jobSeconds());

            // Full training.
            var creator = bench.entitledCreator();
            bench.uploadWorks(creator, works, 3);
            var full = bench.train(creator);
            print("full training", full);

            // Change one work: upload its edited version, delete the old one; that retrains by itself.
            var changed = works / 2;
            var oldName = TrainingBench.workName(changed);
            var newName = oldName.replace(".txt", "-edited.txt");
            bench.upload(creator, List.of(TrainingBench.textFile(newName,
                    TrainingBench.workText(changed, 3, TrainingBench.PARAGRAPHS_PER_WORK / 2))));
            var oldId = bench.workId(creator, oldName);
            var newId = bench.workId(creator, newName);
            var mark = bench.meter.mark();
            var deleted = Instant.now();
            bench.deleteWork(creator, oldId);
            var retrain = bench.awaitNext(creator, full.job().id(), mark);
            print("retraining", retrain);

            var version = bench.context.getBean(ModelVersions.class)
                    .find(TrainingBench.id(creator), retrain.job().version()).orElseThrow();
            var newChunks = bench.context.getBean(CreatorIndexes.class)
                    .open(TrainingBench.id(creator), version.namespace()).chunkIds().stream()
                    .filter(chunk -> chunk.startsWith(newId + ":")).count();
            var embedded = retrain.textsEmbedded();
            System.out.printf(Locale.ROOT, "retraining embedded %d chunks and reused %d stored vectors; the edited"
                    + " work has %d chunks: %s%n", embedded, retrain.chunks() - embedded, newChunks,
                    embedded == newChunks ? "only they were embedded" : "MISMATCH");
            System.out.printf(Locale.ROOT, "from the delete request to the new version being ready: %.2f s (queued"
                    + " %.2f s after the request, by the application once the deletion committed; started %.2f s"
                    + " later)%n", TrainingBench.seconds(deleted, retrain.finished()),
                    TrainingBench.seconds(deleted, retrain.job().createdAt()),
                    TrainingBench.seconds(retrain.job().createdAt(), retrain.started()));

            var ratio = retrain.jobSeconds() / full.jobSeconds();
            System.out.printf(Locale.ROOT, "retraining after changing 1 of %d items %.2f s, full training %.2f s,"
                    + " ratio %.3f (goal <= %.2f: %s) [%d chunks]%n", works, retrain.jobSeconds(), full.jobSeconds(),
                    ratio, GOAL, ratio <= GOAL ? "met" : "NOT met", full.chunks());
            System.out.printf(Locale.ROOT, "load average at the start %s, at the end %s (%d processors)%n", loadAtStart,
                    TrainingBench.loadAverage(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "RATIO=%.4f%n", ratio);
            return embedded == newChunks ? 0 : 1;
        }
    }

    private static void print(String what, TrainingBench.Run run) {
        System.out.printf(Locale.ROOT, "%s: %d items, %d chunks, %d embedded in %d engine calls, job wall time %.2f s%n",
                what, run.items(), run.chunks(), run.textsEmbedded(), run.calls().size(), run.jobSeconds());
        System.out.printf(Locale.ROOT, "  where the time went: %s%n", run.breakdownLine());
    }
}
