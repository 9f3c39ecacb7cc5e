package dev.atelier.personalmodel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atelier.engine.EmbeddingEngine;
import dev.atelier.identity.CreatorId;
import dev.atelier.index.CreatorIndexes;
import dev.atelier.index.IndexedChunk;
import dev.atelier.portfolio.Portfolio;
import dev.atelier.portfolio.Work;
import dev.atelier.portfolio.WorkId;

/**
 * Builds one model version: chunk the lineage's works, embed the chunks not embedded before, index them in the
 * version's own namespace, then profile the style and train the style classifier.
 *
 * <p>Every step can be repeated without harm: vectors are saved batch by batch and found again by content hash,
 * and indexing replaces chunks by id. So a job that stopped anywhere (a crash, a restart) is resumed by running it
 * again, and ends with the same chunks as a run that never stopped. Reads only the creator's own works, from the
 * database: training never opens another creator's files or index.
 */
@Component
class Training {

    private static final Logger log = LoggerFactory.getLogger(Training.class);
    private static final int INDEX_BATCH = 512;

    /** Called after each checkpoint; tests use it to stop a job part-way as a crash would. */
    interface Checkpoints {
        Checkpoints NONE = (done, total) -> {
        };

        void reached(int done, int total);
    }

    /** Thrown when the creator cancelled; the job ends as cancelled, not failed. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private record Piece(Work work, Chunk chunk, String hash) {
    }

    private final TrainingJobs jobs;
    private final ModelVersions versions;
    private final ChunkStore chunks;
    private final Portfolio portfolio;
    private final EmbeddingEngine embeddings;
    private final CreatorIndexes indexes;
    private final BackgroundSample background;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final PersonalModelSettings settings;
    private final Clock clock;

    Training(TrainingJobs jobs, ModelVersions versions, ChunkStore chunks, Portfolio portfolio,
             EmbeddingEngine embeddings, CreatorIndexes indexes, BackgroundSample background,
             ApplicationEventPublisher events, TransactionTemplate transactions, PersonalModelSettings settings,
             Clock clock) {
        this.jobs = jobs;
        this.versions = versions;
        this.chunks = chunks;
        this.portfolio = portfolio;
        this.embeddings = embeddings;
        this.indexes = indexes;
        this.background = background;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs a claimed job to its end. Exceptions end the job as failed; errors (a crash) leave it running. */
    void run(UUID jobId, Checkpoints checkpoints) {
        var job = jobs.find(jobId).orElseThrow();
        var creator = job.creator();
        var version = versions.find(creator, job.version()).orElseThrow();
        var started = System.nanoTime();
        try {
            var works = new ArrayList<Work>();
            for (var item : version.lineage()) {
                portfolio.find(creator, new WorkId(UUID.fromString(item.workId()))).ifPresent(works::add);
            }
            progress(job.id(), "chunking", 0, 0);
            var pieces = new ArrayList<Piece>();
            for (var work : works) {
                if (!work.kind().textual()) {
                    continue;
                }
                var workChunks = Chunker.chunk(work.kind(), work.fileName(), portfolio.textOf(creator, work.id()));
                chunks.truncate(creator, work.id(), workChunks.size());
                for (var chunk : workChunks) {
                    pieces.add(new Piece(work, chunk, sha256(work.kind() + "\n" + chunk.section() + "\n" + chunk.text())));
                }
            }
            var vectors = embed(job.id(), creator, pieces, checkpoints);

            // Indexing, the style profile and the classifier each read the whole corpus but not each other's
            // results: profile and classify on threads of their own while this one indexes, so that these steps,
            // most of a retraining, use every core.
            var profiling = onOwnThread("training-profile", () -> StyleProfiler.profile(works.stream()
                    .map(work -> new ProfileInput(work.kind(), work.fileName(),
                            work.kind().textual() ? portfolio.textOf(creator, work.id()) : "", work.metadata()))
                    .toList()));
            var creatorVectors = pieces.stream().map(piece -> vectors.get(piece.hash())).toList();
            var creatorTexts = pieces.stream().map(piece -> piece.chunk().text()).toList();
            var classifying = onOwnThread("training-classifier", () -> creatorVectors.isEmpty() ? null
                    : StyleClassifier.train(creatorVectors, creatorTexts, background.vectors(embeddings),
                            background.texts()));
            index(job.id(), creator, version, pieces, vectors);

            progress(job.id(), "profiling", pieces.size(), pieces.size());
            var profile = resultOf(profiling);
            var classifier = resultOf(classifying);

            var metrics = new LinkedHashMap<String, Object>();
            metrics.put("items", works.size());
            metrics.put("chunks", pieces.size());
            metrics.put("embeddingEngine", embeddings.id());
            metrics.put("trainingSeconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
            if (classifier != null) {
                metrics.put("classifierAccuracy", classifier.heldOutAccuracy());
                metrics.put("classifierTrainingExamples", classifier.trainingExamples());
                metrics.put("classifierHeldOutExamples", classifier.heldOutExamples());
            }
            finish(job, version, metrics, profile, classifier == null ? Map.of() : classifier.toJson());
        } catch (Cancelled e) {
            versions.failed(version.id(), "Cancelled by the creator.");
            jobs.finish(job.id(), TrainingJob.Status.CANCELLED, null, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Training job {} for {} failed", job.id(), creator, e);
            versions.failed(version.id(), "Training failed: " + e.getMessage());
            jobs.finish(job.id(), TrainingJob.Status.FAILED, String.valueOf(e.getMessage()), clock.instant());
        } finally {
            var ended = versions.find(creator, version.id()).orElseThrow();
            if (ended.status() != VersionStatus.READY && ended.status() != VersionStatus.TRAINING) {
                indexes.deleteAll(creator, version.namespace());
            }
        }
    }

    /** Embeds what has no vector yet, checkpointing each batch; returns the vector of every piece by hash. */
    private Map<String, float[]> embed(UUID jobId, CreatorId creator, List<Piece> pieces, Checkpoints checkpoints) {
        var known = new LinkedHashMap<>(chunks.vectorsFor(creator, pieces.stream().map(Piece::hash).distinct().toList()));
        var stored = chunks.hashesByPosition(creator);
        var total = pieces.size();
        var done = 0;
        var batch = new ArrayList<Piece>();
        for (var piece : pieces) {
            batch.add(piece);
            if (batch.size() == settings.embeddingBatch()) {
                done += embedBatch(creator, batch, known, stored);
                progress(jobId, "embedding", done, total);
                checkpoints.reached(done, total);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            done += embedBatch(creator, batch, known, stored);
            progress(jobId, "embedding", done, total);
            checkpoints.reached(done, total);
        }
        return known;
    }

    /** Embeds the batch's new texts and saves the pieces whose position does not already hold them. */
    private int embedBatch(CreatorId creator, List<Piece> batch, Map<String, float[]> known,
                           Map<String, String> stored) {
        var missing = new LinkedHashMap<String, String>();
        batch.stream().filter(piece -> !known.containsKey(piece.hash()))
                .forEach(piece -> missing.putIfAbsent(piece.hash(), piece.chunk().text()));
        if (!missing.isEmpty()) {
            var hashes = List.copyOf(missing.keySet());
            var vectors = embeddings.embed(List.copyOf(missing.values()));
            for (var i = 0; i < hashes.size(); i++) {
                known.put(hashes.get(i), vectors.get(i));
            }
        }
        var changed = batch.stream()
                .filter(piece -> !piece.hash().equals(stored.get(piece.work().id() + ":" + piece.chunk().ordinal())))
                .toList();
        if (changed.isEmpty()) {
            return batch.size();
        }
        transactions.executeWithoutResult(status -> chunks.save(creator, changed.stream()
                .map(piece -> new ChunkStore.StoredChunk(piece.work().id(), piece.chunk().ordinal(), piece.hash(),
                        piece.chunk().section(), piece.chunk().text(), known.get(piece.hash())))
                .toList()));
        return batch.size();
    }

    private void index(UUID jobId, CreatorId creator, ModelVersion version, List<Piece> pieces,
                       Map<String, float[]> vectors) {
        var index = indexes.open(creator, version.namespace());
        var batch = new ArrayList<IndexedChunk>();
        var done = 0;
        for (var piece : pieces) {
            batch.add(new IndexedChunk(piece.work().id() + ":" + piece.chunk().ordinal(), piece.work().id().toString(),
                    version.id().toString(), piece.chunk().text(), vectors.get(piece.hash()),
                    Map.of("kind", piece.work().kind().name().toLowerCase())));
            if (batch.size() == INDEX_BATCH) {
                index.add(batch);
                done += batch.size();
                progress(jobId, "indexing", done, pieces.size());
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            index.add(batch);
        }
    }

    private void finish(TrainingJob job, ModelVersion version, Map<String, Object> metrics, Object profile,
                        Map<String, Object> classifier) {
        transactions.executeWithoutResult(status -> {
            versions.ready(version.id(), metrics, profile, classifier);
            var now = versions.find(job.creator(), version.id()).orElseThrow();
            if (now.status() == VersionStatus.READY) {
                versions.activate(job.creator(), version.id());
                events.publishEvent(new ModelVersionTrained(job.creator(), version.id(), version.number()));
            }
            jobs.finish(job.id(), TrainingJob.Status.SUCCEEDED, null, clock.instant());
        });
    }

    private void progress(UUID jobId, String phase, int done, int total) {
        if (jobs.cancelRequested(jobId)) {
            throw new Cancelled();
        }
        jobs.progress(jobId, phase, done, total, clock.instant());
    }

    private static <T extends @Nullable Object> FutureTask<T> onOwnThread(String name, Callable<T> task) {
        var future = new FutureTask<>(task);
        Thread.ofPlatform().name(name).daemon(true).start(future);
        return future;
    }

    private static <T extends @Nullable Object> T resultOf(FutureTask<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
