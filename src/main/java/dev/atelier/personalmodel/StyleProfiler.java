package dev.atelier.personalmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.atelier.personalmodel.StyleProfile.AudioStyle;
import dev.atelier.personalmodel.StyleProfile.ImageStyle;
import dev.atelier.personalmodel.StyleProfile.LengthBin;
import dev.atelier.personalmodel.StyleProfile.Punctuation;
import dev.atelier.personalmodel.StyleProfile.TextStyle;

/**
 * Measures a {@link StyleProfile} from a creator's works: text and document works for writing style, code works
 * for coding conventions, and the metadata measured on upload for images and audio (their files are never read
 * here). Pure and deterministic; metadata keys that are missing or not numbers are skipped.
 */
final class StyleProfiler {

    static final int PALETTE_SIZE = 5;

    /** Sentence-length bins: {@code [min, max]} words, the last open-ended. */
    private static final int[][] BINS = {{1, 5}, {6, 10}, {11, 15}, {16, 20}, {21, 30}, {31, 40}, {41, -1}};

    private static final Pattern FENCED_CODE = Pattern.compile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$");
    private static final Pattern MARKDOWN_HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.*?)[ \\t#]*$");
    private static final Pattern MARKDOWN_LINE_MARKER =
            Pattern.compile("(?m)^[ \\t]*(?:>[ \\t]?|[-*+][ \\t]+|\\d+[.)][ \\t]+)");

    private StyleProfiler() {
    }

    static StyleProfile profile(List<ProfileInput> inputs) {
        var texts = new ArrayList<ProfileInput>();
        var code = new ArrayList<ProfileInput>();
        var images = new ArrayList<ProfileInput>();
        var audio = new ArrayList<ProfileInput>();
        for (var input : inputs) {
            switch (input.kind()) {
                case TEXT, DOCUMENT -> {
                    if (!input.text().isBlank()) {
                        texts.add(input);
                    }
                }
                case CODE -> {
                    if (!input.text().isBlank()) {
                        code.add(input);
                    }
                }
                case IMAGE -> images.add(input);
                case AUDIO -> audio.add(input);
            }
        }
        return new StyleProfile(texts.isEmpty() ? null : text(texts),
                code.isEmpty() ? null : CodeConventions.measure(code),
                images.isEmpty() ? null : images(images),
                audio.isEmpty() ? null : audio(audio));
    }

    // Writing

    private static TextStyle text(List<ProfileInput> inputs) {
        var proses = inputs.stream().map(StyleProfiler::prose).toList();
        var measured = Stylometry.total(proses.stream().map(Stylometry::of).toList());
        var bins = new ArrayList<LengthBin>();
        for (var bin : BINS) {
            var count = (int) measured.sentenceLengths().stream()
                    .filter(length -> length >= bin[0] && (bin[1] < 0 || length <= bin[1]))
                    .count();
            bins.add(new LengthBin(bin[1] < 0 ? ">" + (bin[0] - 1) : bin[0] + "–" + bin[1], bin[0],
                    bin[1] < 0 ? null : bin[1], count, share(count, measured.sentences())));
        }
        var punctuation = new Punctuation(round(measured.per100Words(measured.commas())),
                round(measured.per100Words(measured.semicolons())), round(measured.per100Words(measured.colons())),
                round(measured.per100Words(measured.exclamations())),
                round(measured.per100Words(measured.questions())), round(measured.per100Words(measured.dashes())));
        return new TextStyle(inputs.size(), measured.words(), measured.sentences(),
                round(measured.meanSentenceWords()), List.copyOf(bins), round(measured.typeTokenRatio()),
                round(measured.fleschReadingEase()), punctuation, round(measured.per100Words(measured.emoji())),
                DistinctivePhrases.of(proses));
    }

    /**
     * The running text of a work. Markdown loses its code blocks and line markers (headings, quotes, list bullets),
     * and a heading becomes a paragraph of its own, so markup is not measured as punctuation or run into sentences.
     */
    private static String prose(ProfileInput input) {
        var name = input.fileName().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".md") && !name.endsWith(".markdown")) {
            return input.text();
        }
        var text = FENCED_CODE.matcher(input.text()).replaceAll("");
        text = MARKDOWN_HEADING.matcher(text).replaceAll("\n$1\n");
        return MARKDOWN_LINE_MARKER.matcher(text).replaceAll("");
    }

    // Images

    private static ImageStyle images(List<ProfileInput> inputs) {
        var palettes = new ArrayList<List<?>>();
        var brightness = new Mean();
        var contrast = new Mean();
        var saturation = new Mean();
        int portrait = 0, square = 0, landscape = 0, wide = 0;
        for (var input : inputs) {
            var metadata = input.metadata();
            if (metadata.get("palette") instanceof List<?> palette) {
                palettes.add(palette);
            }
            brightness.add(number(metadata, "brightness"));
            contrast.add(number(metadata, "contrast"));
            saturation.add(number(metadata, "saturation"));
            var ratio = aspectRatio(metadata);
            if (ratio == null) {
                continue;
            }
            if (ratio < 0.9) {
                portrait++;
            } else if (ratio <= 1.1) {
                square++;
            } else if (ratio <= 1.8) {
                landscape++;
            } else {
                wide++;
            }
        }
        var palette = PalettePooling.pool(palettes, PALETTE_SIZE).stream()
                .map(colour -> new StyleProfile.Colour(colour.hex(), round(colour.share())))
                .toList();
        return new ImageStyle(inputs.size(), palette, brightness.rounded(), contrast.rounded(), saturation.rounded(),
                new StyleProfile.AspectRatios(portrait, square, landscape, wide));
    }

    private static @Nullable Double aspectRatio(Map<String, Object> metadata) {
        var ratio = number(metadata, "aspectRatio");
        if (ratio != null && ratio > 0) {
            return ratio;
        }
        var width = number(metadata, "width");
        var height = number(metadata, "height");
        return width != null && height != null && width > 0 && height > 0 ? width / height : null;
    }

    // Audio

    private static AudioStyle audio(List<ProfileInput> inputs) {
        var duration = new Mean();
        var loudness = new Mean();
        var silence = new Mean();
        for (var input : inputs) {
            duration.add(number(input.metadata(), "durationSeconds"));
            loudness.add(number(input.metadata(), "loudnessDbfs"));
            silence.add(number(input.metadata(), "silenceRatio"));
        }
        return new AudioStyle(inputs.size(), round(duration.sum), duration.rounded(), loudness.rounded(),
                silence.rounded());
    }

    private static @Nullable Double number(Map<String, Object> metadata, String key) {
        return metadata.get(key) instanceof Number number && Double.isFinite(number.doubleValue())
                ? number.doubleValue() : null;
    }

    /** The mean of the values that were there. */
    private static final class Mean {
        double sum;
        int count;

        void add(@Nullable Double value) {
            if (value != null) {
                sum += value;
                count++;
            }
        }

        @Nullable Double rounded() {
            return count == 0 ? null : round(sum / count);
        }
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
