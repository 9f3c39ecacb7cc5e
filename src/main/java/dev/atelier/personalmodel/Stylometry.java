package dev.atelier.personalmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Countable habits of a piece of writing: sentence lengths, syllables, punctuation, emoji and vocabulary
 * richness. Measured per text with {@link #of(String)} and added up over texts with {@link #total(List)}, so a
 * style profile and a single chunk are measured by the same rules.
 *
 * <p>Vocabulary richness is the moving-average type-token ratio (MATTR, Covington and McFall 2010): the share of
 * distinct words in every window of {@value #TTR_WINDOW} consecutive words, averaged over all windows. Unlike the
 * plain type-token ratio it does not fall as a text grows longer. A text shorter than a window counts as one
 * window of its own length. Windows never span two texts.
 *
 * @param sentenceLengths words per sentence, in order; sentences without words are not counted
 * @param ttrSum the sum of the type-token ratios of all windows
 * @param ttrWindows how many windows were measured
 */
record Stylometry(int words, List<Integer> sentenceLengths, int syllables, int commas, int semicolons, int colons,
                  int exclamations, int questions, int dashes, int emoji, double ttrSum, int ttrWindows) {

    static final int TTR_WINDOW = 100;

    Stylometry {
        sentenceLengths = List.copyOf(sentenceLengths);
    }

    static Stylometry of(String text) {
        var lengths = new ArrayList<Integer>();
        for (var sentence : Prose.sentences(text)) {
            var count = Prose.wordCount(sentence);
            if (count > 0) {
                lengths.add(count);
            }
        }
        var words = Prose.words(text).stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
        var syllables = words.stream().mapToInt(Stylometry::syllables).sum();
        int commas = 0, semicolons = 0, colons = 0, exclamations = 0, questions = 0, dashes = 0, emoji = 0;
        for (var i = 0; i < text.length(); ) {
            var c = text.codePointAt(i);
            switch (c) {
                case ',' -> commas++;
                case ';' -> semicolons++;
                case ':' -> colons += between(text, i, Character::isDigit) ? 0 : 1;
                case '!' -> exclamations++;
                case '?' -> questions++;
                case '—', '–' -> dashes++;
                case '-' -> dashes += spacedHyphen(text, i) ? 1 : 0;
                default -> emoji += emoji(c) ? 1 : 0;
            }
            i += Character.charCount(c);
        }
        var windows = movingTypeTokenRatio(words);
        return new Stylometry(words.size(), lengths, syllables, commas, semicolons, colons, exclamations, questions,
                dashes, emoji, windows[0], (int) windows[1]);
    }

    /** The measures of several texts together, as if they were one text whose windows never span two of them. */
    static Stylometry total(List<Stylometry> parts) {
        var lengths = new ArrayList<Integer>();
        int words = 0, syllables = 0, commas = 0, semicolons = 0, colons = 0, exclamations = 0, questions = 0,
                dashes = 0, emoji = 0, windows = 0;
        var ttrSum = 0.0;
        for (var part : parts) {
            lengths.addAll(part.sentenceLengths);
            words += part.words;
            syllables += part.syllables;
            commas += part.commas;
            semicolons += part.semicolons;
            colons += part.colons;
            exclamations += part.exclamations;
            questions += part.questions;
            dashes += part.dashes;
            emoji += part.emoji;
            ttrSum += part.ttrSum;
            windows += part.ttrWindows;
        }
        return new Stylometry(words, lengths, syllables, commas, semicolons, colons, exclamations, questions, dashes,
                emoji, ttrSum, windows);
    }

    int sentences() {
        return sentenceLengths.size();
    }

    double meanSentenceWords() {
        return sentenceLengths.isEmpty() ? 0 : (double) sentenceLengths.stream().mapToInt(Integer::intValue).sum()
                / sentenceLengths.size();
    }

    double per100Words(int count) {
        return words == 0 ? 0 : 100.0 * count / words;
    }

    double typeTokenRatio() {
        return ttrWindows == 0 ? 0 : ttrSum / ttrWindows;
    }

    /** Flesch (1948): 206.835 − 1.015 × words per sentence − 84.6 × syllables per word; higher reads easier. */
    double fleschReadingEase() {
        if (words == 0 || sentenceLengths.isEmpty()) {
            return 0;
        }
        return 206.835 - 1.015 * words / sentenceLengths.size() - 84.6 * syllables / words;
    }

    /**
     * Syllables estimated from spelling: one per group of vowels (y included), less a silent final "e" (but not
     * "-le", as in "table"), at least one per word. Off by one on some words, unbiased enough for an average.
     */
    private static int syllables(String word) {
        var letters = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (letters.isEmpty()) {
            return 1;
        }
        var groups = 0;
        var inVowels = false;
        for (var i = 0; i < letters.length(); i++) {
            var vowel = "aeiouy".indexOf(letters.charAt(i)) >= 0;
            if (vowel && !inVowels) {
                groups++;
            }
            inVowels = vowel;
        }
        if (groups > 1 && letters.endsWith("e") && !letters.endsWith("le")) {
            groups--;
        }
        return Math.max(1, groups);
    }

    /** Pictographic emoji, dingbats and symbols, and regional-indicator letters (flags count as two). */
    private static boolean emoji(int codePoint) {
        return (codePoint >= 0x1F000 && codePoint <= 0x1FAFF) || (codePoint >= 0x2600 && codePoint <= 0x27BF)
                || (codePoint >= 0x2B50 && codePoint <= 0x2B55) || codePoint == 0x231A || codePoint == 0x231B
                || (codePoint >= 0x23E9 && codePoint <= 0x23FA);
    }

    /** A hyphen used as a dash: spaced on both sides on one line ("this - that"), or doubled ("this--that"). */
    private static boolean spacedHyphen(String text, int i) {
        if (i + 1 < text.length() && text.charAt(i + 1) == '-') {
            return i == 0 || text.charAt(i - 1) != '-';
        }
        if (i > 0 && text.charAt(i - 1) == '-') {
            return false;
        }
        return i > 0 && i + 1 < text.length() && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')
                && Character.isWhitespace(text.charAt(i + 1));
    }

    private static boolean between(String text, int i, IntPredicate test) {
        return i > 0 && i + 1 < text.length() && test.test(text.charAt(i - 1)) && test.test(text.charAt(i + 1));
    }

    /** {sum of window ratios, window count}, see the class comment. */
    private static double[] movingTypeTokenRatio(List<String> words) {
        if (words.isEmpty()) {
            return new double[] {0, 0};
        }
        if (words.size() <= TTR_WINDOW) {
            return new double[] {(double) words.stream().distinct().count() / words.size(), 1};
        }
        var counts = new HashMap<String, Integer>();
        for (var i = 0; i < TTR_WINDOW; i++) {
            counts.merge(words.get(i), 1, Integer::sum);
        }
        var sum = (double) counts.size() / TTR_WINDOW;
        var windows = 1;
        for (var i = TTR_WINDOW; i < words.size(); i++) {
            counts.merge(words.get(i), 1, Integer::sum);
            counts.computeIfPresent(words.get(i - TTR_WINDOW), (word, count) -> count == 1 ? null : count - 1);
            sum += (double) counts.size() / TTR_WINDOW;
            windows++;
        }
        return new double[] {sum, windows};
    }
}
