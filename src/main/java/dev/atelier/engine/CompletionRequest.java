package dev.atelier.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to generate and within which limits.
 *
 * @param messages the chat so far; the last one is usually the user's
 * @param maxTokens the most tokens to generate
 * @param temperature 0 picks the likeliest token every time; higher values sample more freely
 * @param seed makes sampling repeatable: the same request, seed and model give the same text
 * @param stop generation ends before the first of these strings would be emitted
 * @param timeout generation ends (with {@link Completion.FinishReason#TIMEOUT}) when it runs longer than this
 * @param cancellation lets another thread end the generation early
 */
public record CompletionRequest(List<ChatMessage> messages, int maxTokens, double temperature, long seed,
                                List<String> stop, Duration timeout, Cancellation cancellation) {

    public static final int DEFAULT_MAX_TOKENS = 512;
    public static final double DEFAULT_TEMPERATURE = 0.7;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public CompletionRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a completion needs at least one message");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, was " + temperature);
        }
        stop = List.copyOf(stop);
        if (stop.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a stop string must not be empty");
        }
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        Objects.requireNonNull(cancellation, "cancellation must not be null");
    }

    /** A request with the default limits, temperature and timeout, seed 0, no stop strings. */
    public static CompletionRequest of(List<ChatMessage> messages) {
        return new CompletionRequest(messages, DEFAULT_MAX_TOKENS, DEFAULT_TEMPERATURE, 0, List.of(),
                DEFAULT_TIMEOUT, new Cancellation());
    }

    /**
     * The seed folded into 31 bits, for engines that take an int: never negative, so never llama.cpp's -1 (which
     * means "pick a random seed").
     */
    int seed31() {
        return (int) (seed ^ (seed >>> 32)) & Integer.MAX_VALUE;
    }

    public CompletionRequest withMaxTokens(int maxTokens) {
        return new CompletionRequest(messages, maxTokens, temperature, seed, stop, timeout, cancellation);
    }

    public CompletionRequest withTemperature(double temperature) {
        return new CompletionRequest(messages, maxTokens, temperature, seed, stop, timeout, cancellation);
    }

    public CompletionRequest withSeed(long seed) {
        return new CompletionRequest(messages, maxTokens, temperature, seed, stop, timeout, cancellation);
    }

    public CompletionRequest withStop(List<String> stop) {
        return new CompletionRequest(messages, maxTokens, temperature, seed, stop, timeout, cancellation);
    }

    public CompletionRequest withTimeout(Duration timeout) {
        return new CompletionRequest(messages, maxTokens, temperature, seed, stop, timeout, cancellation);
    }

    public CompletionRequest withCancellation(Cancellation cancellation) {
        return new CompletionRequest(messages, maxTokens, temperature, seed, stop, timeout, cancellation);
    }
}
