package dev.atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.atelier.engine.Completion.FinishReason;
import dev.atelier.engine.OpenAiServer.Answer;

/** Against a local server speaking OpenAI's streaming chat completions protocol. */
class OpenAiCompatibleTextEngineTests {

    private static final List<ChatMessage> CHAT = List.of(ChatMessage.system("You write short poems."),
            ChatMessage.user("A poem about the sea, please."), ChatMessage.assistant("Waves."),
            ChatMessage.user("Longer."));

    private OpenAiServer server;
    private OpenAiCompatibleTextEngine engine;

    @BeforeEach
    void startServer() throws IOException {
        server = new OpenAiServer();
        engine = new OpenAiCompatibleTextEngine(server.baseUrl(), "secret-key", "poet-7b", Duration.ofSeconds(30));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void the_request_carries_the_chat_and_every_limit() {
        server.willAnswer(Answer.stream(List.of("Salt"), "stop", new int[] {12, 1}));

        engine.complete(CompletionRequest.of(CHAT).withMaxTokens(64).withTemperature(0.3).withSeed(7)
                .withStop(List.of("THE END", "\n\n")));

        var body = server.lastRequest();
        assertThat(body.get("model").asString()).isEqualTo("poet-7b");
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.get("seed").asInt()).isEqualTo(7);
        assertThat(body.get("stop").values()).extracting(node -> node.asString()).containsExactly("THE END", "\n\n");
        assertThat(body.get("messages").values()).extracting(node -> node.get("role").asString())
                .containsExactly("system", "user", "assistant", "user");
        assertThat(body.get("messages").values()).extracting(node -> node.get("content").asString())
                .containsExactly("You write short poems.", "A poem about the sea, please.", "Waves.", "Longer.");
        assertThat(server.lastAuthorization()).isEqualTo("Bearer secret-key");
    }

    @Test
    void pieces_stream_to_the_sink_and_the_servers_usage_and_model_are_reported() {
        server.willAnswer(Answer.stream(List.of("Salt", " and", " foam"), "stop", new int[] {31, 3}));
        var pieces = new ArrayList<String>();

        var completion = engine.complete(CompletionRequest.of(CHAT), pieces::add);

        assertThat(pieces).containsExactly("Salt", " and", " foam");
        assertThat(completion).isEqualTo(new Completion("Salt and foam", 31, 3, FinishReason.STOP, "poet-7b"));
    }

    @Test
    void the_length_finish_reason_means_the_token_limit_was_reached() {
        server.willAnswer(Answer.stream(List.of("Salt", " and"), "length", new int[] {31, 2}));

        var completion = engine.complete(CompletionRequest.of(CHAT).withMaxTokens(2));

        assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(completion.completionTokens()).isEqualTo(2);
    }

    @Test
    void without_a_usage_report_the_streamed_pieces_are_counted() {
        server.willAnswer(Answer.stream(List.of("Salt", " and", " foam"), "stop", null));

        var completion = engine.complete(CompletionRequest.of(CHAT));

        assertThat(completion.promptTokens()).isZero();
        assertThat(completion.completionTokens()).isEqualTo(3);
    }

    @Test
    void a_stop_string_that_the_server_lets_through_is_cut_even_across_pieces() {
        server.willAnswer(Answer.stream(List.of("Salt and", " foam TH", "E END and more"), "stop", null));
        var pieces = new ArrayList<String>();

        var completion = engine.complete(CompletionRequest.of(CHAT).withStop(List.of("THE END")), pieces::add);

        assertThat(completion.text()).isEqualTo("Salt and foam ");
        assertThat(String.join("", pieces)).isEqualTo("Salt and foam ");
        assertThat(completion.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void cancelling_ends_the_completion_and_closes_the_stream() throws InterruptedException {
        server.willAnswer(Answer.stream(List.of("a", " b", " c", " d", " e", " f", " g", " h", " i", " j", " k",
                " l", " m", " n", " o", " p", " q", " r", " s", " t"), "stop", null).slowly(Duration.ofMillis(50)));
        var cancellation = new Cancellation();
        var pieces = new ArrayList<String>();

        var completion = engine.complete(CompletionRequest.of(CHAT).withCancellation(cancellation), piece -> {
            pieces.add(piece);
            if (pieces.size() == 2) {
                cancellation.cancel();
            }
        });

        assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(completion.text()).isEqualTo("a b");
        assertThat(completion.completionTokens()).isEqualTo(2);
        assertThat(server.clientLeft().await(10, TimeUnit.SECONDS)).as("the server noticed the closed stream")
                .isTrue();
    }

    @Test
    void a_server_that_answers_too_slowly_ends_the_completion_with_timeout() {
        server.willAnswer(Answer.stream(List.of("late"), "stop", null).slowly(Duration.ofSeconds(5)));

        var completion = engine.complete(CompletionRequest.of(CHAT).withTimeout(Duration.ofMillis(200)));

        assertThat(completion.finishReason()).isEqualTo(FinishReason.TIMEOUT);
        assertThat(completion.text()).isEmpty();
    }

    @Test
    void an_error_from_the_server_makes_the_engine_unavailable_with_the_servers_words() {
        server.willAnswer(Answer.failure(404, "The model `poet-7b` does not exist."));

        assertThatThrownBy(() -> engine.complete(CompletionRequest.of(CHAT)))
                .isInstanceOf(TextEngineUnavailable.class)
                .hasMessageStartingWith("The OpenAI-compatible server at " + server.baseUrl()
                        + " failed for model poet-7b:")
                .hasMessageContaining("The model `poet-7b` does not exist.");
    }

    @Test
    void without_an_api_key_no_authorization_is_sent() {
        var keyless = new OpenAiCompatibleTextEngine(server.baseUrl(), null, "poet-7b", Duration.ofSeconds(30));

        keyless.complete(CompletionRequest.of(CHAT));

        assertThat(server.lastAuthorization()).isNull();
    }

    @Test
    void the_status_names_the_server_and_model_without_calling_it() {
        var status = engine.status();

        assertThat(status).isEqualTo(new TextEngineStatus(true, "openai", "poet-7b",
                "Sends completions to poet-7b at " + server.baseUrl() + "."));
    }
}
