package dev.atelier.personalmodel;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a creator's works have in common, measured: how they write, how they code, the colours and shapes of their
 * images and the sound of their audio. A part is null when the creator has no work of that kind. Stored as JSON
 * with a model version and shown to the creator; numbers are rounded for display (shares and ratios to three
 * decimals).
 */
record StyleProfile(@Nullable TextStyle text, @Nullable CodeStyle code, @Nullable ImageStyle images,
                    @Nullable AudioStyle audio) {

    /**
     * Stylometrics over all text and document works together.
     *
     * @param sentenceLengths how many sentences fall in each length bin, in order, for a bar chart
     * @param typeTokenRatio vocabulary richness as a moving-average type-token ratio (0 to 1, see {@link Stylometry})
     * @param fleschReadingEase higher is easier: 60 to 70 is plain English, below 30 is dense academic prose
     * @param distinctivePhrases the creator's most characteristic phrases compared with everyday English
     */
    record TextStyle(int documents, int words, int sentences, double meanSentenceWords,
                     List<LengthBin> sentenceLengths, double typeTokenRatio, double fleschReadingEase,
                     Punctuation punctuationPer100Words, double emojiPer100Words, List<Phrase> distinctivePhrases) {
    }

    /** Sentences of {@code minWords} to {@code maxWords} words (no upper bound when null). */
    record LengthBin(String label, int minWords, @Nullable Integer maxWords, int sentences, double share) {
    }

    record Punctuation(double comma, double semicolon, double colon, double exclamation, double question,
                       double dash) {
    }

    /**
     * @param count how often the creator used it
     * @param score how much more the creator uses it than everyday English does, as a z-score (see
     *     {@link DistinctivePhrases})
     */
    record Phrase(String text, int count, double score) {
    }

    /**
     * @param commentDensity comment lines per non-blank line
     * @param meanLineLength characters per non-blank line, indentation included
     */
    record CodeStyle(int files, int lines, List<LanguageCount> languages, Indentation indentation, Naming naming,
                     double commentDensity, double meanLineLength) {
    }

    record LanguageCount(String language, int files) {
    }

    /** @param width spaces per level, when indenting with spaces and the step is clear */
    record Indentation(IndentStyle style, @Nullable Integer width, double tabbedLineShare) {
    }

    enum IndentStyle {
        SPACES, TABS, NONE
    }

    /**
     * Shares of the names the creator declared, each distinct name counted once per file. One-word lower-case
     * names ({@code count}) fit both camelCase and snake_case and one-letter names say nothing, so neither is
     * counted.
     *
     * @param upperCase constants such as {@code MAX_SIZE}
     * @param other anything else, such as {@code Mixed_Case}
     */
    record Naming(int identifiers, double camelCase, double snakeCase, double pascalCase, double upperCase,
                  double other) {
    }

    /**
     * @param palette the dominant colours over all images, largest share first
     * @param meanBrightness 0 (black) to 1 (white); null when no image was measured
     */
    record ImageStyle(int images, List<Colour> palette, @Nullable Double meanBrightness,
                      @Nullable Double meanContrast, @Nullable Double meanSaturation, AspectRatios aspectRatios) {
    }

    record Colour(String hex, double share) {
    }

    /** Counts of images by width ÷ height: portrait below 0.9, square to 1.1, landscape to 1.8, wide above. */
    record AspectRatios(int portrait, int square, int landscape, int wide) {
    }

    /** Means are over the clips that were measured, null when none was. */
    record AudioStyle(int clips, double totalSeconds, @Nullable Double meanSeconds,
                      @Nullable Double meanLoudnessDbfs, @Nullable Double meanSilenceRatio) {
    }
}
