package dev.atelier.engine;

import java.util.Objects;

/**
 * A finished generation.
 *
 * @param text what the model wrote, without a stop string
 * @param promptTokens how many tokens the prompt took, as the engine counts them
 * @param completionTokens how many tokens were generated
 * @param model which model wrote it (a GGUF file name, or the remote model's name)
 */
public record Completion(String text, int promptTokens, int completionTokens, FinishReason finishReason,
                         String model) {

    public enum FinishReason {
        /** The model ended the text itself, or a stop string was reached. */
        STOP,
        /** The token limit was reached. */
        LENGTH,
        CANCELLED,
        TIMEOUT
    }

    public Completion {
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(finishReason, "finishReason must not be null");
        Objects.requireNonNull(model, "model must not be null");
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative: " + promptTokens + ", "
                    + completionTokens);
        }
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
