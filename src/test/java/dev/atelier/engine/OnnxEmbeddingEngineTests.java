package dev.atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real bge-small-en-v1.5 model; one engine is shared because the model is a per-JVM static anyway. */
class OnnxEmbeddingEngineTests {

    private static OnnxEmbeddingEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = new OnnxEmbeddingEngine(2, 2);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void vectors_have_384_dimensions_and_unit_length() {
        var vectors = engine.embed(List.of("A short sentence.", "Another, somewhat longer sentence about painting."));

        assertThat(engine.dimensions()).isEqualTo(384);
        assertThat(vectors).hasSize(2).allSatisfy(vector -> {
            assertThat(vector).hasSize(384);
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        });
    }

    @Test
    void the_same_text_always_gives_the_same_vector() {
        var text = "The gallery opens its new exhibition of watercolours on Friday.";

        assertThat(engine.embed(text)).containsExactly(engine.embed(text), within(1e-6f));
    }

    @Test
    void a_sentence_is_closer_to_its_paraphrase_than_to_an_unrelated_sentence() {
        var sentence = engine.embed("The cat is sleeping on the warm windowsill.");
        var paraphrase = engine.embed("A kitten naps on the sunny window ledge.");
        var unrelated = engine.embed("Quarterly tax filings are due at the end of the month.");

        assertThat(dot(sentence, paraphrase)).isGreaterThan(dot(sentence, unrelated) + 0.1);
    }

    @Test
    void a_query_finds_the_passage_that_answers_it() {
        var query = engine.embedQuery("how do I water a cactus");
        var answer = engine.embed("Water cacti sparingly: soak the soil, then let it dry out completely.");
        var other = engine.embed("Our bakery sells sourdough bread and croissants every morning.");

        assertThat(engine.embedQuery("how do I water a cactus")).isNotEqualTo(engine.embed("how do I water a cactus"));
        assertThat(dot(query, answer)).isGreaterThan(dot(query, other));
    }

    @Test
    void batching_gives_the_same_vectors_as_one_by_one() {
        var texts = List.of("first text about oil paint", "second text about jazz guitar", "third about sailing",
                "fourth about tax law", "fifth about typography");

        var batched = engine.embed(texts);

        assertThat(batched).hasSize(texts.size());
        for (var i = 0; i < texts.size(); i++) {
            assertThat(batched.get(i)).containsExactly(engine.embed(texts.get(i)), within(1e-5f));
        }
    }

    @Test
    void embedding_nothing_gives_nothing() {
        assertThat(engine.embed(List.of())).isEmpty();
    }

    @Test
    void blank_text_is_rejected_with_its_position() {
        assertThatThrownBy(() -> engine.embed(List.of("fine", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text 1 is blank; there is nothing to embed");
    }

    @Test
    void the_model_loads_on_first_use_not_at_construction() {
        try (var fresh = new OnnxEmbeddingEngine(64, 1)) {
            assertThat(fresh.loaded()).isFalse();
            assertThat(fresh.dimensions()).isEqualTo(384);
            assertThat(fresh.loaded()).isFalse();

            fresh.embed("now it is needed");

            assertThat(fresh.loaded()).isTrue();
        }
    }

    private static double dot(float[] a, float[] b) {
        var sum = 0.0;
        for (var i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] vector) {
        return Math.sqrt(dot(vector, vector));
    }
}
