package dev.atelier.engine;

/**
 * Writes text: a chat in, a completion out, streamed piece by piece as the model produces it. One engine serves
 * every creator; what makes a completion personal is the prompt (the creator's exemplars and style profile).
 *
 * <p>Implementations are thread-safe. Requests beyond the engine's parallel capacity wait their turn.
 */
public interface TextEngine {

    /**
     * Generates a completion, handing each new piece of text to {@code sink} as soon as it is decoded. Returns when
     * the model stops, a stop string or the token limit is reached, the request is cancelled or it times out; the
     * returned text is everything handed to the sink, without the stop string.
     *
     * @throws TextEngineUnavailable if no model is configured or it cannot be loaded
     */
    Completion complete(CompletionRequest request, TokenSink sink);

    default Completion complete(CompletionRequest request) {
        return complete(request, piece -> {
        });
    }

    /** Whether this engine can serve now, and if not, how to fix it. Never loads a model. */
    TextEngineStatus status();

    /** Receives a completion as it is generated. Called on the generating thread, in order. */
    @FunctionalInterface
    interface TokenSink {
        void accept(String piece);
    }
}
