package dev.atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.atelier.engine.Completion.FinishReason;

/** Real llama.cpp on the tiny GGUF, loaded once for the class: its text is gibberish, its mechanics are real. */
class LlamaCppTextEngineTests {

    private static final List<ChatMessage> CHAT = List.of(ChatMessage.system("You write short poems."),
            ChatMessage.user("A poem about the sea, please."));

    private static LlamaCppTextEngine engine;

    @BeforeAll
    static void loadTheTinyModel() {
        engine = new LlamaCppTextEngine(TinyGguf.path().toString(), Path.of("no-models-here"), 4096, 2, 2,
                Duration.ofMinutes(1));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void streamed_pieces_add_up_to_the_returned_text() {
        var pieces = new ArrayList<String>();

        var completion = engine.complete(request(20), pieces::add);

        assertThat(completion.text()).isNotBlank().isEqualTo(String.join("", pieces));
        assertThat(pieces).hasSize(20);
        assertThat(completion.completionTokens()).isEqualTo(20);
        assertThat(completion.promptTokens()).isPositive();
        assertThat(completion.model()).isEqualTo("tiny.gguf");
    }

    @Test
    void the_token_limit_ends_a_completion_with_length() {
        var completion = engine.complete(request(7));

        assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(completion.completionTokens()).isEqualTo(7);
    }

    @Test
    void a_stop_string_ends_the_completion_before_it_and_is_never_emitted() {
        var unconstrained = engine.complete(request(24));
        var text = unconstrained.text();
        var stop = wordAt(text, 8);
        var expected = text.substring(0, text.indexOf(stop));
        var pieces = new ArrayList<String>();

        var stopped = engine.complete(request(24).withStop(List.of(stop)), pieces::add);

        assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(stopped.text()).isEqualTo(expected).doesNotContain(stop);
        assertThat(String.join("", pieces)).isEqualTo(expected);
        assertThat(stopped.completionTokens()).isLessThan(24);
    }

    @Test
    void a_stop_string_split_over_two_pieces_is_held_back_and_never_emitted() {
        var pieces = new ArrayList<String>();
        engine.complete(request(24), pieces::add);
        var i = 5;
        while (pieces.get(i).length() < 3 || pieces.get(i + 1).length() < 3) {
            i++;
        }
        // the end of one piece and the start of the next: the stop string straddles a piece boundary
        var stop = pieces.get(i).substring(pieces.get(i).length() - 2) + pieces.get(i + 1).substring(0, 3);
        var text = String.join("", pieces);
        var expected = text.substring(0, text.indexOf(stop));
        var emitted = new ArrayList<String>();

        var stopped = engine.complete(request(24).withStop(List.of("never in this text", stop)), emitted::add);

        assertThat(stopped.text()).isEqualTo(expected);
        assertThat(String.join("", emitted)).isEqualTo(expected);
        assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void the_same_seed_gives_the_same_text() {
        var request = request(30).withTemperature(0.9).withSeed(11);

        assertThat(engine.complete(request).text()).isEqualTo(engine.complete(request).text());
    }

    @Test
    void different_seeds_sample_different_texts() {
        var texts = new HashSet<String>();
        for (var seed = 1; seed <= 5; seed++) {
            texts.add(engine.complete(request(30).withTemperature(0.9).withSeed(seed)).text());
        }

        assertThat(texts).hasSizeGreaterThan(1);
    }

    @Test
    void temperature_zero_always_picks_the_likeliest_token_whatever_the_seed() {
        var greedy = request(20).withTemperature(0);

        assertThat(engine.complete(greedy.withSeed(1)).text()).isEqualTo(engine.complete(greedy.withSeed(2)).text());
    }

    @Test
    void cancelling_from_the_sink_ends_the_completion_with_cancelled() {
        var cancellation = new Cancellation();
        var pieces = new ArrayList<String>();

        var completion = engine.complete(request(500).withCancellation(cancellation), piece -> {
            pieces.add(piece);
            if (pieces.size() == 3) {
                cancellation.cancel();
            }
        });

        assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(completion.completionTokens()).isEqualTo(3);
        assertThat(completion.text()).isEqualTo(String.join("", pieces));
    }

    @Test
    void cancelling_from_another_thread_ends_the_completion_with_cancelled() throws Exception {
        var cancellation = new Cancellation();
        var firstPiece = new CountDownLatch(1);
        try (var other = Executors.newVirtualThreadPerTaskExecutor()) {
            other.submit(() -> {
                firstPiece.await();
                cancellation.cancel();
                return null;
            });

            var completion = engine.complete(request(1500).withCancellation(cancellation),
                    piece -> firstPiece.countDown());

            assertThat(completion.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(completion.completionTokens()).isBetween(1, 1499);
        }
        assertThat(engine.complete(request(5)).completionTokens()).as("the slot is free again").isEqualTo(5);
    }

    @Test
    void a_completion_that_runs_too_long_ends_with_timeout() {
        var completion = engine.complete(request(1500).withTimeout(Duration.ofMillis(1)));

        assertThat(completion.finishReason()).isEqualTo(FinishReason.TIMEOUT);
        assertThat(completion.completionTokens()).isLessThan(1500);
    }

    @Test
    void more_requests_than_slots_all_complete_on_virtual_threads() throws Exception {
        var requests = 5;
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new ArrayList<Future<List<Object>>>();
            for (var i = 0; i < requests; i++) {
                var seed = i;
                results.add(callers.submit(() -> {
                    var pieces = new CopyOnWriteArrayList<String>();
                    var completion = engine.complete(request(16).withSeed(seed), pieces::add);
                    return List.of(completion, String.join("", pieces));
                }));
            }
            for (var result : results) {
                var completion = (Completion) result.get().get(0);
                assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
                assertThat(completion.completionTokens()).isEqualTo(16);
                assertThat(completion.text()).isNotBlank().isEqualTo(result.get().get(1));
            }
        }
    }

    @Test
    void the_chat_template_comes_from_the_gguf() {
        assertThat(engine.prompt(CHAT)).isEqualTo("""
                <|im_start|>system
                You write short poems.<|im_end|>
                <|im_start|>user
                A poem about the sea, please.<|im_end|>
                <|im_start|>assistant
                """);

        var plain = TinyGguf.write(Path.of("target", "test-models", "tiny-plain-template.gguf"), """
                {%- for message in messages -%}
                {{- '[' + message['role'] + '] ' + message['content'] + '\\n' -}}
                {%- endfor -%}
                {{- '[assistant]' -}}""");
        try (var other = new LlamaCppTextEngine(plain.toString(), Path.of("no-models-here"), 512, 1, 1,
                Duration.ofMinutes(1))) {
            assertThat(other.prompt(CHAT)).isEqualTo("""
                    [system] You write short poems.
                    [user] A poem about the sea, please.
                    [assistant]""");
            assertThat(other.complete(request(3)).promptTokens())
                    .as("the same chat, templated differently, takes a different number of tokens")
                    .isNotEqualTo(engine.complete(request(3)).promptTokens());
        }
    }

    @Test
    void system_messages_are_joined_into_the_one_the_template_sees() {
        var chat = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hello"), ChatMessage.system("Be kind."));

        assertThat(engine.prompt(chat)).startsWith("<|im_start|>system\nBe brief.\n\nBe kind.<|im_end|>\n"
                + "<|im_start|>user\nHello<|im_end|>\n");
    }

    @Test
    void a_prompt_longer_than_a_slot_is_rejected_with_the_numbers() {
        var tooLong = CompletionRequest.of(List.of(ChatMessage.user("x".repeat(3000))));

        assertThatThrownBy(() -> engine.complete(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but a slot holds 2048")
                .hasMessageContaining("atelier.engine.text.context-size 4096 shared by 2 slots");
    }

    @Test
    void the_status_names_the_loaded_model() {
        engine.complete(request(1));

        var status = engine.status();

        assertThat(status.available()).isTrue();
        assertThat(status.engine()).isEqualTo("llama-cpp");
        assertThat(status.model()).isEqualTo("tiny.gguf");
        assertThat(status.message()).contains("2 slots of 2048 tokens");
    }

    private static CompletionRequest request(int maxTokens) {
        return CompletionRequest.of(CHAT).withMaxTokens(maxTokens).withSeed(42);
    }

    /** The word of {@code text} at {@code index} (from 0), with the space before it. */
    private static String wordAt(String text, int index) {
        var words = text.split("(?= )");
        return words[index];
    }
}
