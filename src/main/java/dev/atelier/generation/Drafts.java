package dev.atelier.generation;

import dev.atelier.engine.Cancellation;
import dev.atelier.engine.ChatMessage;
import dev.atelier.engine.Completion;
import dev.atelier.engine.CompletionRequest;
import dev.atelier.engine.TextEngine;
import dev.atelier.engine.TextEngineUnavailable;
import dev.atelier.personalmodel.Exemplars;
import dev.atelier.personalmodel.Exemplars.Exemplar;
import dev.atelier.personalmodel.ModelVersion;
import dev.atelier.personalmodel.ModelVersions;
import dev.atelier.personalmodel.StyleScores;
import dev.atelier.problem.ProblemException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes drafts for a brief with a creator's model: retrieve exemplars from that creator's index only (and log
 * what was retrieved), build the prompt, generate candidates in parallel, and keep the one the creator's style
 * classifier scores highest.
 */
@Component
class Drafts {

    /** What a caller hears while drafts are written. Called from generating threads, possibly concurrently. */
    interface Listener {
        Listener NONE = new Listener() {
        };

        default void retrieved(int exemplars) {
        }

        /** Candidate {@code candidate} (from 0) has written {@code tokens} tokens; {@code piece} is the newest text. */
        default void wrote(int candidate, int tokens, String piece) {
        }

        default void scoring() {
        }
    }

    /** The chosen draft. {@code styleScore} is null when only one candidate was written and none was scored. */
    record Draft(String text, @Nullable Double styleScore, int candidates, int promptTokens, int completionTokens,
                 Completion.FinishReason finishReason, String engineModel, List<Exemplar> exemplars) {
    }

    private final TextEngine engine;
    private final Exemplars exemplars;
    private final StyleScores styleScores;
    private final ModelVersions versions;
    private final JdbcClient jdbc;
    private final GenerationSettings settings;
    private final Clock clock;

    Drafts(TextEngine engine, Exemplars exemplars, StyleScores styleScores, ModelVersions versions, JdbcClient jdbc,
           GenerationSettings settings, Clock clock) {
        this.engine = engine;
        this.exemplars = exemplars;
        this.styleScores = styleScores;
        this.versions = versions;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** 503 with the engine's own instructions when no model can serve; checked before anything is charged. */
    void requireEngine() {
        var status = engine.status();
        if (!status.available()) {
            throw unavailable(status.message());
        }
    }

    static ProblemException unavailable(String howToFix) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Generation unavailable", howToFix);
    }

    /** The prompt for a brief: retrieval plus assembly, without generating. Logged under {@code sourceId}. */
    List<ChatMessage> prompt(Offering offering, String brief, UUID sourceId) {
        return assemble(offering, version(offering), brief, sourceId).messages();
    }

    Draft write(Offering offering, String brief, UUID sourceId, Request request, Listener listener) {
        var version = version(offering);
        var assembled = assemble(offering, version, brief, sourceId);
        listener.retrieved(assembled.exemplars().size());
        var completions = generate(assembled.messages(), request, listener);
        Double score = null;
        var best = completions.getFirst();
        if (completions.size() > 1) {
            listener.scoring();
            var scores = styleScores.score(offering.creator(), version.id(),
                    completions.stream().map(Completion::text).toList());
            var bestIndex = IntStream.range(0, completions.size()).boxed()
                    .max(Comparator.comparingDouble(scores::get)).orElseThrow();
            best = completions.get(bestIndex);
            score = scores.get(bestIndex);
        }
        var completionTokens = completions.stream().mapToInt(Completion::completionTokens).sum();
        return new Draft(best.text().strip(), score, completions.size(), best.promptTokens(), completionTokens,
                best.finishReason(), best.model(), assembled.exemplars());
    }

    /**
     * How to generate.
     *
     * @param candidates how many drafts to write in parallel (distinct seeds)
     */
    record Request(int candidates, int maxTokens, double temperature, long seed, List<String> stop,
                   Cancellation cancellation) {
    }

    private record Assembled(List<Exemplar> exemplars, List<ChatMessage> messages) {
    }

    private Assembled assemble(Offering offering, ModelVersion version, String brief, UUID sourceId) {
        var found = exemplars.retrieve(version, offering.creator(), brief, settings.exemplars());
        log(sourceId, offering, found);
        return new Assembled(found, Prompt.build(offering, version.styleProfile(), found, settings.exemplarCharacters(), brief));
    }

    private List<Completion> generate(List<ChatMessage> messages, Request request, Listener listener) {
        if (request.candidates() == 1) {
            return List.of(complete(messages, request, 0, request.seed(), listener));
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<Completion>>();
            for (var candidate = 0; candidate < request.candidates(); candidate++) {
                var index = candidate;
                futures.add(executor.submit(() -> complete(messages, request, index, request.seed() + index,
                        listener)));
            }
            var done = new ArrayList<Completion>();
            for (var future : futures) {
                done.add(future.get());
            }
            return done;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a draft failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.cancellation().cancel();
            throw new IllegalStateException("interrupted while writing drafts", e);
        }
    }

    private Completion complete(List<ChatMessage> messages, Request request, int candidate, long seed,
                                Listener listener) {
        var tokens = new int[1];
        try {
            return engine.complete(new CompletionRequest(messages, request.maxTokens(), request.temperature(), seed,
                    request.stop(), settings.timeout(), request.cancellation()), piece -> {
                tokens[0]++;
                listener.wrote(candidate, tokens[0], piece);
            });
        } catch (TextEngineUnavailable e) {
            throw unavailable(e.getMessage());
        }
    }

    private ModelVersion version(Offering offering) {
        return versions.find(offering.creator(), offering.modelVersion())
                .filter(ModelVersion::canBeActivated)
                .orElseThrow(() -> ProblemException.conflict("Model version retired", "The model version behind '"
                        + offering.title() + "' is no longer ready; the creator needs to choose another one."));
    }

    private void log(UUID sourceId, Offering offering, List<Exemplar> found) {
        var now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (var rank = 0; rank < found.size(); rank++) {
            var exemplar = found.get(rank);
            jdbc.sql("""
                            insert into retrieval_log (source_id, creator_id, version_id, rank, chunk_id, work_id, score,
                                created_at)
                            values (:source, :creator, :version, :rank, :chunk, :work, :score, :now)""")
                    .param("source", sourceId).param("creator", offering.creator().value())
                    .param("version", offering.modelVersion().value()).param("rank", rank)
                    .param("chunk", exemplar.chunkId()).param("work", UUID.fromString(exemplar.workId()))
                    .param("score", exemplar.score()).param("now", now)
                    .update();
        }
    }
}
