package dev.atelier.engine;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.atelier.engine.Completion.FinishReason;
import dev.atelier.engine.TextEngine.TokenSink;

/**
 * One generation, handed from the thread that produces it (a llama.cpp worker, an HTTP client's callbacks) to the
 * thread that called {@link TextEngine#complete}. The caller {@linkplain #collect collects} it: it applies the stop
 * strings, feeds the sink, and ends on cancellation or timeout without waiting for the producer, which learns from
 * {@link #abandoned()} (or its {@linkplain #onAbandon abandon action}) that nobody listens any more.
 *
 * <p>Keeping the caller out of native and network code matters: a virtual thread blocked in a JNI call pins its
 * carrier, while one waiting on this queue does not.
 *
 * <p>The producer methods are thread-safe; {@link #collect} is called once, by the caller.
 */
final class TokenStream {

    /** How often a waiting caller looks at its {@link Cancellation}, which has no way to wake it. */
    private static final long CANCELLATION_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicReference<@Nullable Runnable> onAbandon = new AtomicReference<>();
    private volatile boolean abandoned;

    /** The prompt took this many tokens of {@code model}. */
    void prompted(int tokens, String model) {
        events.add(new Prompted(tokens, model));
    }

    /** The model generated {@code tokens} more tokens (usually one), which decode to {@code text}. */
    void piece(String text, int tokens) {
        events.add(new Piece(text, tokens));
    }

    /**
     * The model is done. Token counts the producer does not know are null; the collector then uses the prompt count
     * it was given and the tokens it received.
     */
    void end(FinishReason reason, @Nullable Integer promptTokens, @Nullable Integer completionTokens,
             @Nullable String model) {
        events.add(new End(reason, promptTokens, completionTokens, model));
    }

    void fail(RuntimeException exception) {
        events.add(new Failed(exception));
    }

    /** Whether the caller has stopped listening; the producer should stop generating. */
    boolean abandoned() {
        return abandoned;
    }

    /** Runs {@code action} once the caller stops listening (now, if it already has); the last action set wins. */
    void onAbandon(Runnable action) {
        onAbandon.set(action);
        if (abandoned) {
            runAbandonAction();
        }
    }

    /**
     * Waits for the generation and returns it, feeding {@code sink} on this thread as pieces arrive.
     *
     * @param timeout the engine's own limit; the request's applies when it is shorter
     * @param model the model to name until the producer names one
     */
    Completion collect(CompletionRequest request, Duration timeout, TokenSink sink, String model) {
        var limit = nanos(request.timeout().compareTo(timeout) < 0 ? request.timeout() : timeout);
        var started = System.nanoTime();
        var stops = new StopStrings(request.stop());
        var text = new StringBuilder();
        var promptTokens = 0;
        var completionTokens = 0;
        try {
            while (true) {
                if (request.cancellation().isCancelled()) {
                    return new Completion(text.toString(), promptTokens, completionTokens, FinishReason.CANCELLED,
                            model);
                }
                var remaining = limit - (System.nanoTime() - started);
                if (remaining <= 0) {
                    return new Completion(text.toString(), promptTokens, completionTokens, FinishReason.TIMEOUT,
                            model);
                }
                switch (events.poll(Math.min(remaining, CANCELLATION_CHECK_NANOS), TimeUnit.NANOSECONDS)) {
                    case null -> {
                    }
                    case Prompted prompted -> {
                        promptTokens = prompted.tokens();
                        model = prompted.model();
                    }
                    case Piece piece -> {
                        completionTokens += piece.tokens();
                        emit(stops.accept(piece.text()), text, sink);
                        if (stops.reached()) {
                            return new Completion(text.toString(), promptTokens, completionTokens, FinishReason.STOP,
                                    model);
                        }
                    }
                    case End end -> {
                        emit(stops.flush(), text, sink);
                        return new Completion(text.toString(),
                                end.promptTokens() != null ? end.promptTokens() : promptTokens,
                                end.completionTokens() != null ? end.completionTokens() : completionTokens,
                                end.reason(), end.model() != null ? end.model() : model);
                    }
                    case Failed failed -> throw failed.exception();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Completion(text.toString(), promptTokens, completionTokens, FinishReason.CANCELLED, model);
        } finally {
            abandoned = true;
            runAbandonAction();
        }
    }

    private void runAbandonAction() {
        var action = onAbandon.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }

    private static void emit(String piece, StringBuilder text, TokenSink sink) {
        if (!piece.isEmpty()) {
            text.append(piece);
            sink.accept(piece);
        }
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private sealed interface Event {
    }

    private record Prompted(int tokens, String model) implements Event {
    }

    private record Piece(String text, int tokens) implements Event {
    }

    private record End(FinishReason reason, @Nullable Integer promptTokens, @Nullable Integer completionTokens,
                       @Nullable String model) implements Event {
    }

    private record Failed(RuntimeException exception) implements Event {
    }
}
