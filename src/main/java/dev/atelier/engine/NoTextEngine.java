package dev.atelier.engine;

import java.nio.file.Path;

/**
 * Stands in when no text engine can serve ({@code atelier.engine.text.id=none}, or an incomplete configuration), so
 * that the rest of Atelier starts and works; every completion fails with the fix.
 *
 * @param engine the configured engine id
 * @param howToFix what is missing and exactly how to fix it
 */
record NoTextEngine(String engine, String howToFix) implements TextEngine {

    static final String ID = "none";

    /** For {@code atelier.engine.text.id=none}. */
    static NoTextEngine configured(Path models) {
        return new NoTextEngine(ID, "No text engine is configured (atelier.engine.text.id=none). Set "
                + "atelier.engine.text.id=llama-cpp to run a GGUF model in-process (`" + TextModelFile.PULL_COMMAND
                + "` puts one in " + models.toAbsolutePath().normalize() + "), or atelier.engine.text.id=openai with "
                + "atelier.engine.text.openai.base-url and .model to use an OpenAI-compatible server.");
    }

    /** For {@code atelier.engine.text.id=openai} without a server or model. */
    static NoTextEngine incompleteOpenAi(String missing) {
        return new NoTextEngine(OpenAiCompatibleTextEngine.ID, "atelier.engine.text.id=openai needs " + missing
                + ", for example http://localhost:8000/v1 and Qwen/Qwen2.5-1.5B-Instruct for a vLLM server. Or set "
                + "atelier.engine.text.id=llama-cpp to run a GGUF model in-process.");
    }

    @Override
    public Completion complete(CompletionRequest request, TokenSink sink) {
        throw new TextEngineUnavailable(howToFix);
    }

    @Override
    public TextEngineStatus status() {
        return new TextEngineStatus(false, engine, null, howToFix);
    }
}
