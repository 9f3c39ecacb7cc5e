package dev.atelier.personalmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atelier.Fixtures;
import dev.atelier.personalmodel.StyleProfile.IndentStyle;
import dev.atelier.personalmodel.StyleProfile.LengthBin;
import dev.atelier.personalmodel.StyleProfile.Phrase;
import dev.atelier.portfolio.WorkKind;

class StyleProfilerTests {

    private static final String JAVA = """
            package demo;

            /** Counts words. */
            public class WordCounter {

                private static final int MAX_WORDS = 1000;

                // Words seen so far.
                private int wordCount;

                public int countWords(String inputText) {
                    var totalWords = 0;
                    for (String word : inputText.split(" ")) {
                        totalWords++;
                    }
                    return totalWords;
                }
            }
            """;

    private static final String PYTHON = """
            # Word helpers.
            MAX_WORDS = 1000


            def count_words(input_text, min_length=1):
                \"\"\"Counts words.\"\"\"
                total_words = 0
                for word in input_text.split():
                    if len(word) >= min_length:
                        total_words += 1
                return total_words


            class WordCounter:
                def __init__(self):
                    self.word_count = 0
            """;

    @Test
    void a_formal_essay_and_a_chatty_post_differ_in_the_expected_directions() {
        var formal = text(Fixtures.formalEssay(30, 1), "essay.txt");
        var chatty = text(Fixtures.chattyPost(30, 1), "post.md");

        assertThat(formal.documents()).isEqualTo(1);
        assertThat(formal.meanSentenceWords()).isGreaterThan(20).isGreaterThan(4 * chatty.meanSentenceWords());
        assertThat(formal.punctuationPer100Words().semicolon()).isGreaterThan(2);
        assertThat(chatty.punctuationPer100Words().semicolon()).isZero();
        assertThat(chatty.punctuationPer100Words().exclamation()).isGreaterThan(20);
        assertThat(formal.punctuationPer100Words().exclamation()).isZero();
        assertThat(chatty.emojiPer100Words()).isGreaterThan(5);
        assertThat(formal.emojiPer100Words()).isZero();
        assertThat(formal.fleschReadingEase()).isLessThan(chatty.fleschReadingEase());

        assertThat(chatty.sentenceLengths()).extracting(LengthBin::label)
                .containsExactly("1–5", "6–10", "11–15", "16–20", "21–30", "31–40", ">40");
        assertThat(formal.sentenceLengths().stream().mapToInt(LengthBin::sentences).sum())
                .isEqualTo(formal.sentences());
        assertThat(chatty.sentenceLengths().getFirst().share()).isGreaterThan(0.5);
        assertThat(formal.sentenceLengths().get(4).share()).isGreaterThan(0.5);
        assertThat(formal.typeTokenRatio()).isBetween(0.0, 1.0);
    }

    @Test
    void distinctive_phrases_are_the_creators_own_not_everyday_ones() {
        var essay = Fixtures.formalEssay(40, 1);
        var everyday = "I will call you straight away. It only takes ten minutes. See you next month.\n\n";
        var style = text(essay + everyday + everyday, "essay.txt");

        assertThat(style.distinctivePhrases()).hasSize(DistinctivePhrases.TOP).extracting(Phrase::text)
                .contains("governing board", "proposed amendments", "independent review")
                .doesNotContain("straight away", "ten minutes", "next month", "the committee", "has considered")
                .allSatisfy(phrase -> assertThat(essay.toLowerCase()).contains(phrase));
        assertThat(style.distinctivePhrases()).allSatisfy(phrase -> {
            assertThat(phrase.count()).isGreaterThanOrEqualTo(2);
            assertThat(phrase.score()).isPositive();
        });
        assertThat(style.distinctivePhrases()).extracting(Phrase::score).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(style.distinctivePhrases()).filteredOn(phrase -> phrase.text().equals("governing board"))
                .singleElement().satisfies(phrase -> assertThat(phrase.count())
                        .isEqualTo(essay.split("governing board", -1).length - 1));
    }

    @Test
    void code_style_reports_languages_indentation_naming_and_comments() {
        var both = StyleProfiler.profile(List.of(code("WordCounter.java", JAVA), code("words.py", PYTHON))).code();

        assertThat(both.files()).isEqualTo(2);
        assertThat(both.lines()).isEqualTo(JAVA.lines().count() + PYTHON.lines().count());
        assertThat(both.languages()).extracting(StyleProfile.LanguageCount::language)
                .containsExactly("Java", "Python");
        assertThat(both.indentation().style()).isEqualTo(IndentStyle.SPACES);
        assertThat(both.indentation().width()).isEqualTo(4);
        assertThat(both.naming().identifiers()).isEqualTo(13);
        assertThat(both.naming().snakeCase()).isEqualTo(0.385, within(0.001));
        assertThat(both.naming().camelCase()).isEqualTo(0.308, within(0.001));
        assertThat(both.naming().pascalCase()).isEqualTo(0.154, within(0.001));
        assertThat(both.naming().upperCase()).isEqualTo(0.154, within(0.001));
        assertThat(both.commentDensity()).isEqualTo(4.0 / 26, within(0.001));
        assertThat(both.meanLineLength()).isBetween(10.0, 40.0);

        var java = StyleProfiler.profile(List.of(code("WordCounter.java", JAVA))).code();
        assertThat(java.naming().camelCase()).isGreaterThan(java.naming().snakeCase());
        var python = StyleProfiler.profile(List.of(code("words.py", PYTHON))).code();
        assertThat(python.naming().snakeCase()).isGreaterThan(0.7);

        var goSource = "package main\n\nfunc main() {\n\tx := 1\n\tprintln(x)\n}\n";
        var go = StyleProfiler.profile(List.of(code("main.go", goSource))).code();
        assertThat(go.indentation().style()).isEqualTo(IndentStyle.TABS);
        assertThat(go.indentation().width()).isNull();
        assertThat(go.indentation().tabbedLineShare()).isEqualTo(1.0);
    }

    @Test
    void image_palettes_are_pooled_by_share_and_missing_metadata_is_skipped() {
        var first = Map.<String, Object>of("palette", List.of(colour("#e63946", 0.5), colour("#1d3557", 0.3),
                colour("#f1faee", 0.1), colour("#a8dadc", 0.1)), "brightness", 0.4, "contrast", 0.3, "saturation",
                0.7, "width", 200, "height", 100, "aspectRatio", 2.0);
        var second = Map.<String, Object>of("palette", List.of(colour("#e43a44", 0.4), colour("#1e3658", 0.2),
                colour("#ffb703", 0.2), colour("#8ecae6", 0.2)), "brightness", 0.6, "contrast", 0.1, "saturation",
                0.3, "aspectRatio", 0.75);
        var images = StyleProfiler.profile(List.of(image(first), image(second), image(Map.of()),
                image(Map.of("width", 100, "height", 100)))).images();

        assertThat(images.images()).isEqualTo(4);
        assertThat(images.palette()).hasSize(StyleProfiler.PALETTE_SIZE);
        assertThat(images.palette().stream().mapToDouble(StyleProfile.Colour::share).sum()).isCloseTo(1, within(0.01));
        var red = images.palette().getFirst();
        assertThat(red.share()).isEqualTo(0.45, within(0.001));
        assertThat(distance(red.hex(), "#e53945")).isLessThanOrEqualTo(3);
        var navy = images.palette().get(1);
        assertThat(navy.share()).isEqualTo(0.25, within(0.001));
        assertThat(distance(navy.hex(), "#1d3557")).isLessThanOrEqualTo(3);
        assertThat(images.meanBrightness()).isEqualTo(0.5, within(1e-9));
        assertThat(images.meanContrast()).isEqualTo(0.2, within(1e-9));
        assertThat(images.meanSaturation()).isEqualTo(0.5, within(1e-9));
        assertThat(images.aspectRatios()).isEqualTo(new StyleProfile.AspectRatios(1, 1, 0, 1));

        var reordered = StyleProfiler.profile(List.of(image(second), image(first))).images();
        assertThat(reordered.palette()).isEqualTo(
                StyleProfiler.profile(List.of(image(first), image(second))).images().palette());
    }

    @Test
    void audio_means_skip_clips_without_the_measurement() {
        var audio = StyleProfiler.profile(List.of(
                clip(Map.of("durationSeconds", 2.0, "loudnessDbfs", -20.0, "silenceRatio", 0.5)),
                clip(Map.of("durationSeconds", 4, "loudnessDbfs", -10.0)),
                clip(Map.of()))).audio();

        assertThat(audio).isEqualTo(new StyleProfile.AudioStyle(3, 6.0, 3.0, -15.0, 0.5));
        assertThat(StyleProfiler.profile(List.of(clip(Map.of()))).audio())
                .isEqualTo(new StyleProfile.AudioStyle(1, 0.0, null, null, null));
    }

    @Test
    void kinds_without_works_are_left_out() {
        assertThat(StyleProfiler.profile(List.of())).isEqualTo(new StyleProfile(null, null, null, null));
        var onlyImages = StyleProfiler.profile(List.of(image(Map.of()),
                new ProfileInput(WorkKind.TEXT, "blank.txt", "   ", Map.of())));
        assertThat(onlyImages.text()).isNull();
        assertThat(onlyImages.code()).isNull();
        assertThat(onlyImages.audio()).isNull();
        assertThat(onlyImages.images()).isNotNull();
    }

    private static StyleProfile.TextStyle text(String text, String fileName) {
        return StyleProfiler.profile(List.of(new ProfileInput(WorkKind.TEXT, fileName, text, Map.of()))).text();
    }

    private static ProfileInput code(String fileName, String text) {
        return new ProfileInput(WorkKind.CODE, fileName, text, Map.of());
    }

    private static ProfileInput image(Map<String, Object> metadata) {
        return new ProfileInput(WorkKind.IMAGE, "picture.png", "", metadata);
    }

    private static ProfileInput clip(Map<String, Object> metadata) {
        return new ProfileInput(WorkKind.AUDIO, "clip.wav", "", metadata);
    }

    private static Map<String, Object> colour(String hex, double share) {
        return Map.of("hex", hex, "share", share);
    }

    /** The largest difference of one RGB channel. */
    private static int distance(String hex, String other) {
        var a = Integer.parseInt(hex.substring(1), 16);
        var b = Integer.parseInt(other.substring(1), 16);
        var max = 0;
        for (var shift = 0; shift <= 16; shift += 8) {
            max = Math.max(max, Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)));
        }
        return max;
    }
}
