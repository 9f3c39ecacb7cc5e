package dev.atelier.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.atelier.engine.Completion.FinishReason;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/**
 * Any server that speaks OpenAI's {@code /chat/completions} (vLLM, llama.cpp's server, Ollama, OpenAI), streamed
 * through LangChain4j's OpenAI client. The server applies the chat template, the stop strings and the token limit;
 * this engine applies the stop strings once more, so that none slips through whatever the server does.
 *
 * <p>Thread-safe; the server decides how many requests it serves at once. Cancellation and timeouts end the caller's
 * wait at once and close the stream, so the server stops generating. Token counts are the server's usage report, or,
 * from a server that sends none, zero for the prompt and the number of streamed pieces for the completion.
 *
 * <p>Inject {@link TextEngine} instead; construct this directly only outside Spring (benchmarks, tools).
 */
public final class OpenAiCompatibleTextEngine implements TextEngine {

    public static final String ID = "openai";

    private final OpenAiStreamingChatModel client;
    private final String baseUrl;
    private final String model;
    private final Duration timeout;

    /**
     * @param baseUrl where {@code /chat/completions} is, e.g. {@code http://localhost:8000/v1}
     * @param apiKey sent as a bearer token; null sends none
     * @param model the model name the server knows
     * @param timeout the longest one completion may take
     */
    public OpenAiCompatibleTextEngine(String baseUrl, @Nullable String apiKey, String model, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl must not be null");
        Objects.requireNonNull(model, "model must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.baseUrl = baseUrl;
        this.model = model;
        this.timeout = timeout;
        this.client = OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .modelName(model)
                .timeout(timeout)
                .build();
    }

    @Override
    public Completion complete(CompletionRequest request, TokenSink sink) {
        var stream = new TokenStream();
        try {
            client.chat(chatRequest(request), new Handler(stream));
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        return stream.collect(request, timeout, sink, model);
    }

    @Override
    public TextEngineStatus status() {
        return new TextEngineStatus(true, ID, model, "Sends completions to " + model + " at " + baseUrl + ".");
    }

    private ChatRequest chatRequest(CompletionRequest request) {
        var parameters = OpenAiChatRequestParameters.builder()
                .modelName(model)
                .maxOutputTokens(request.maxTokens())
                .temperature(request.temperature())
                .seed(request.seed31())
                .stopSequences(request.stop().isEmpty() ? null : request.stop())
                .build();
        List<dev.langchain4j.data.message.ChatMessage> messages = request.messages().stream()
                .map(OpenAiCompatibleTextEngine::message)
                .toList();
        return ChatRequest.builder().messages(messages).parameters(parameters).build();
    }

    private static dev.langchain4j.data.message.ChatMessage message(ChatMessage message) {
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content());
            case USER -> UserMessage.from(message.content());
            case ASSISTANT -> AiMessage.from(message.content());
        };
    }

    private TextEngineUnavailable unavailable(Throwable cause) {
        return new TextEngineUnavailable("The OpenAI-compatible server at " + baseUrl + " failed for model " + model
                + ": " + cause.getMessage() + ". Check atelier.engine.text.openai.base-url, .api-key and .model.",
                cause);
    }

    /** Called on the HTTP client's threads; hands everything to the stream. */
    private final class Handler implements StreamingChatResponseHandler {
        private final TokenStream stream;

        Handler(TokenStream stream) {
            this.stream = stream;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            var handle = context.streamingHandle();
            if (stream.abandoned()) {
                handle.cancel();
                return;
            }
            stream.onAbandon(handle::cancel);
            stream.piece(partial.text(), 1);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            var usage = response.tokenUsage();
            var reason = response.finishReason() == dev.langchain4j.model.output.FinishReason.LENGTH
                    ? FinishReason.LENGTH
                    : FinishReason.STOP;
            stream.end(reason, usage == null ? null : usage.inputTokenCount(),
                    usage == null ? null : usage.outputTokenCount(), response.modelName());
        }

        @Override
        public void onError(Throwable error) {
            stream.fail(unavailable(error));
        }
    }
}
