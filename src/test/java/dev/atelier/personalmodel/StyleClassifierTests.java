package dev.atelier.personalmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.atelier.Fixtures;
import dev.atelier.engine.OnnxEmbeddingEngine;
import dev.atelier.portfolio.WorkKind;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Real bge-small embeddings of the formal essay fixture against the shipped background corpus. */
class StyleClassifierTests {

    private static OnnxEmbeddingEngine engine;
    private static List<String> creatorTexts;
    private static List<float[]> creatorEmbeddings;
    private static List<String> backgroundTexts;
    private static List<float[]> backgroundEmbeddings;
    private static StyleClassifier classifier;

    @BeforeAll
    static void train() {
        engine = new OnnxEmbeddingEngine(32, Runtime.getRuntime().availableProcessors());
        creatorTexts = texts(Chunker.chunk(WorkKind.TEXT, "essay.txt", Fixtures.formalEssay(60, 7)));
        creatorEmbeddings = engine.embed(creatorTexts);
        backgroundTexts = texts(Chunker.chunk(WorkKind.TEXT, "background.txt", backgroundCorpus()));
        backgroundEmbeddings = engine.embed(backgroundTexts);
        classifier = StyleClassifier.train(creatorEmbeddings, creatorTexts, backgroundEmbeddings, backgroundTexts);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void tells_the_creators_chunks_from_everyday_english_on_held_out_chunks() {
        var examples = creatorTexts.size() + backgroundTexts.size();
        assertThat(classifier.heldOutExamples()).isBetween(examples / 6, examples / 4);
        assertThat(classifier.trainingExamples() + classifier.heldOutExamples()).isEqualTo(examples);
        assertThat(classifier.heldOutAccuracy()).isNotNull().isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void a_new_formal_paragraph_scores_higher_than_a_chatty_one() {
        var formal = Fixtures.formalEssay(1, 4242).strip();
        var chatty = Fixtures.chattyPost(1, 4242).strip();
        var everyday = "We walked down to the harbour after lunch and watched the boats come in. The wind had dropped,"
                + " and the café on the corner was selling ice cream again.";

        var formalScore = classifier.score(engine.embed(formal), formal);
        var chattyScore = classifier.score(engine.embed(chatty), chatty);
        var everydayScore = classifier.score(engine.embed(everyday), everyday);

        assertThat(formalScore).isGreaterThan(0.5).isGreaterThan(chattyScore);
        assertThat(chattyScore).isLessThan(0.5);
        assertThat(everydayScore).isLessThan(0.5);
    }

    @Test
    void a_stored_classifier_scores_exactly_as_the_trained_one() {
        var json = JsonMapper.builder().build();
        var stored = json.writeValueAsString(classifier.toJson());
        var restored = StyleClassifier.fromJson(json.readValue(stored, new TypeReference<Map<String, Object>>() {
        }));

        assertThat(restored.heldOutAccuracy()).isEqualTo(classifier.heldOutAccuracy());
        assertThat(restored.trainingExamples()).isEqualTo(classifier.trainingExamples());
        assertThat(restored.heldOutExamples()).isEqualTo(classifier.heldOutExamples());
        for (var i = 0; i < 5; i++) {
            assertThat(restored.score(creatorEmbeddings.get(i), creatorTexts.get(i)))
                    .isEqualTo(classifier.score(creatorEmbeddings.get(i), creatorTexts.get(i)));
            assertThat(restored.score(backgroundEmbeddings.get(i), backgroundTexts.get(i)))
                    .isEqualTo(classifier.score(backgroundEmbeddings.get(i), backgroundTexts.get(i)));
        }
    }

    @Test
    void training_is_deterministic() {
        var again = StyleClassifier.train(creatorEmbeddings, creatorTexts, backgroundEmbeddings, backgroundTexts);
        assertThat(again.toJson()).isEqualTo(classifier.toJson());
    }

    @Test
    void with_few_creator_chunks_it_still_trains_but_reports_no_accuracy() {
        var few = StyleClassifier.train(creatorEmbeddings.subList(0, 4), creatorTexts.subList(0, 4),
                backgroundEmbeddings, backgroundTexts);

        assertThat(few.heldOutAccuracy()).isNull();
        assertThat(few.heldOutExamples()).isZero();
        assertThat(few.trainingExamples()).isEqualTo(4 + backgroundTexts.size());
        assertThat(few.score(creatorEmbeddings.get(10), creatorTexts.get(10)))
                .isGreaterThan(few.score(backgroundEmbeddings.getFirst(), backgroundTexts.getFirst()));
        assertThat(StyleClassifier.fromJson(few.toJson()).heldOutAccuracy()).isNull();
    }

    @Test
    void refuses_embeddings_of_another_size_and_classifiers_it_cannot_read() {
        assertThatThrownBy(() -> classifier.score(new float[12], "Hello."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("384-dimensional");
        var json = new LinkedHashMap<>(classifier.toJson());
        json.put("stylometricFeatures", List.of("meanSentenceWords"));
        assertThatThrownBy(() -> StyleClassifier.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other stylometric features");
    }

    private static List<String> texts(List<Chunk> chunks) {
        return chunks.stream().map(Chunk::text).toList();
    }

    private static String backgroundCorpus() {
        try (var in = StyleClassifierTests.class.getClassLoader()
                .getResourceAsStream(DistinctivePhrases.BACKGROUND_CORPUS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
