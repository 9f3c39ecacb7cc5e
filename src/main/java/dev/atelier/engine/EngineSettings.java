package dev.atelier.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.engine.*}: which engines run, and how.
 *
 * @param embedding the {@link EmbeddingEngine}
 * @param text the {@link TextEngine}
 */
@ConfigurationProperties("atelier.engine")
record EngineSettings(@DefaultValue Embedding embedding, @DefaultValue Text text) {

    /**
     * {@code atelier.engine.embedding.*}.
     *
     * @param id which engine embeds; {@value OnnxEmbeddingEngine#ID} is the only one so far
     * @param batchSize how many texts are handed to the model at a time
     * @param threads how many texts are embedded in parallel; 0 (the default) means one per available processor
     */
    record Embedding(
            @DefaultValue(OnnxEmbeddingEngine.ID) String id,
            @DefaultValue("64") int batchSize,
            @DefaultValue("0") int threads) {

        Embedding {
            if (batchSize < 1) {
                throw new IllegalArgumentException(
                        "atelier.engine.embedding.batch-size must be positive, was " + batchSize);
            }
            if (threads < 0) {
                throw new IllegalArgumentException(
                        "atelier.engine.embedding.threads must be 0 (one per processor) or more, was " + threads);
            }
            threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        }
    }

    /**
     * {@code atelier.engine.text.*}. Blank strings count as unset, so an empty environment variable means the same
     * as a missing one.
     *
     * @param id which engine writes: {@value LlamaCppTextEngine#ID} (a local GGUF model, the default),
     *           {@value OpenAiCompatibleTextEngine#ID} (any OpenAI-compatible server) or {@value NoTextEngine#ID}
     * @param model for {@value LlamaCppTextEngine#ID}: a path to a GGUF file, or the name of one in
     *              {@code ${atelier.data-dir}/models}; unset means the newest {@code .gguf} there
     * @param contextSize tokens of context for prompt and completion together, shared evenly by the slots; the
     *                    default gives each of two slots room for a long brief, four exemplars and 400 tokens
     * @param slots how many completions llama.cpp generates at once; more requests wait their turn
     * @param threads CPU threads for llama.cpp; 0 (the default) means one per available processor
     * @param timeout the longest one completion may take; a request may ask for less
     * @param openai the server, read only when {@code id} is {@value OpenAiCompatibleTextEngine#ID}
     */
    record Text(
            @DefaultValue(LlamaCppTextEngine.ID) String id,
            @Nullable String model,
            @DefaultValue("8192") int contextSize,
            @DefaultValue("2") int slots,
            @DefaultValue("0") int threads,
            @DefaultValue("2m") Duration timeout,
            @DefaultValue OpenAi openai) {

        /** The fewest tokens of context a slot may have; less would not hold a chat template and an answer. */
        static final int MIN_SLOT_CONTEXT = 128;

        Text {
            id = id.isBlank() ? LlamaCppTextEngine.ID : id.strip().toLowerCase(Locale.ROOT);
            if (!id.equals(LlamaCppTextEngine.ID) && !id.equals(OpenAiCompatibleTextEngine.ID)
                    && !id.equals(NoTextEngine.ID)) {
                throw new IllegalArgumentException("atelier.engine.text.id (ATELIER_TEXT_ENGINE) must be '"
                        + LlamaCppTextEngine.ID + "', '" + OpenAiCompatibleTextEngine.ID + "' or '" + NoTextEngine.ID
                        + "', was '" + id + "'");
            }
            model = model == null || model.isBlank() ? null : model.strip();
            if (slots < 1) {
                throw new IllegalArgumentException("atelier.engine.text.slots must be positive, was " + slots);
            }
            if (contextSize < (long) MIN_SLOT_CONTEXT * slots) {
                throw new IllegalArgumentException("atelier.engine.text.context-size must give each of the " + slots
                        + " slots at least " + MIN_SLOT_CONTEXT + " tokens, so at least "
                        + (long) MIN_SLOT_CONTEXT * slots + ", was " + contextSize);
            }
            if (threads < 0) {
                throw new IllegalArgumentException(
                        "atelier.engine.text.threads must be 0 (one per processor) or more, was " + threads);
            }
            threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("atelier.engine.text.timeout must be positive, was " + timeout);
            }
        }
    }

    /**
     * {@code atelier.engine.text.openai.*}: an OpenAI-compatible server (vLLM, llama.cpp's server, Ollama, OpenAI).
     *
     * @param baseUrl the URL that {@code /chat/completions} is appended to, e.g. {@code http://localhost:8000/v1}
     * @param apiKey sent as a bearer token; unset sends none (local servers mostly need none)
     * @param model the model name the server knows, e.g. {@code Qwen/Qwen2.5-1.5B-Instruct}
     */
    record OpenAi(@Nullable String baseUrl, @Nullable String apiKey, @Nullable String model) {

        OpenAi {
            baseUrl = blankToNull(baseUrl);
            apiKey = blankToNull(apiKey);
            model = blankToNull(model);
            if (baseUrl != null) {
                requireHttpUrl(baseUrl);
            }
        }

        /** What is missing before requests can be sent; empty when nothing is. */
        String missing() {
            if (baseUrl == null && model == null) {
                return "atelier.engine.text.openai.base-url (ATELIER_OPENAI_BASE_URL) and "
                        + "atelier.engine.text.openai.model (ATELIER_OPENAI_MODEL)";
            }
            if (baseUrl == null) {
                return "atelier.engine.text.openai.base-url (ATELIER_OPENAI_BASE_URL)";
            }
            return model == null ? "atelier.engine.text.openai.model (ATELIER_OPENAI_MODEL)" : "";
        }

        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "***") + ", model="
                    + model + "]";
        }

        private static void requireHttpUrl(String baseUrl) {
            try {
                var uri = new URI(baseUrl);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return;
                }
            } catch (URISyntaxException e) {
                // reported below with the setting's name
            }
            throw new IllegalArgumentException("atelier.engine.text.openai.base-url (ATELIER_OPENAI_BASE_URL) must be "
                    + "an http or https URL such as http://localhost:8000/v1, was '" + baseUrl + "'");
        }

        private static @Nullable String blankToNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
