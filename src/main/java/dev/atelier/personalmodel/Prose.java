package dev.atelier.personalmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How Atelier reads running text: paragraphs, sentences, words and a token estimate. The chunker and the
 * stylometrics share these rules, so a "sentence" means the same thing when a chunk is cut and when a style is
 * measured.
 */
final class Prose {

    /**
     * English prose averages about 1.3 tokens per word in the BPE and WordPiece vocabularies of current models
     * (common words are one token, longer or rarer ones two or three). Good enough to size chunks; never used
     * where an exact count matters.
     */
    static final double TOKENS_PER_WORD = 1.3;

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n\\s*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}\\p{N}]+)*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Words after which a full stop does not end a sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr",
            "vs", "etc", "e.g", "i.e", "eg", "ie", "no", "fig", "approx", "dept", "inc", "ltd", "co", "mt", "cf");

    private Prose() {
    }

    /** Paragraphs, separated by blank lines, trimmed; blank ones dropped. */
    static List<String> paragraphs(String text) {
        var paragraphs = new ArrayList<String>();
        for (var paragraph : PARAGRAPH_BREAK.split(text)) {
            var trimmed = paragraph.strip();
            if (!trimmed.isEmpty()) {
                paragraphs.add(trimmed);
            }
        }
        return paragraphs;
    }

    /**
     * Sentences, trimmed. A sentence ends at a run of {@code . ! ? …} (with any closing quotes or brackets) that is
     * followed by whitespace or the end, unless the full stop closes a known abbreviation or a single-letter
     * initial; a blank line always ends one. Text without end punctuation is one sentence.
     */
    static List<String> sentences(String text) {
        var sentences = new ArrayList<String>();
        for (var paragraph : paragraphs(text)) {
            var start = 0;
            var i = 0;
            while (i < paragraph.length()) {
                var c = paragraph.charAt(i);
                if (!terminal(c)) {
                    i++;
                    continue;
                }
                var end = i;
                while (end < paragraph.length() && terminal(paragraph.charAt(end))) {
                    end++;
                }
                while (end < paragraph.length() && "\"'”’)]»".indexOf(paragraph.charAt(end)) >= 0) {
                    end++;
                }
                var atBoundary = end == paragraph.length() || Character.isWhitespace(paragraph.charAt(end));
                if (atBoundary && !(c == '.' && end == i + 1 && abbreviationBefore(paragraph, i))) {
                    add(sentences, paragraph.substring(start, end));
                    start = end;
                }
                i = end;
            }
            add(sentences, paragraph.substring(start));
        }
        return sentences;
    }

    /** Word tokens as written (letters and digits, with inner apostrophes: "don't" is one word). */
    static List<String> words(String text) {
        var words = new ArrayList<String>();
        var matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    static int wordCount(String text) {
        var count = 0;
        var matcher = WORD.matcher(text);
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** See {@link #TOKENS_PER_WORD}. */
    static int estimatedTokens(String text) {
        return (int) Math.ceil(wordCount(text) * TOKENS_PER_WORD);
    }

    /** Whitespace-separated pieces, punctuation attached: what the chunker cuts between when it must. */
    static List<String> spaceSeparated(String text) {
        var trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(WHITESPACE.split(trimmed));
    }

    private static boolean terminal(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    private static boolean abbreviationBefore(String text, int period) {
        var from = period;
        while (from > 0 && (Character.isLetter(text.charAt(from - 1)) || text.charAt(from - 1) == '.')) {
            from--;
        }
        var word = text.substring(from, period).toLowerCase(Locale.ROOT);
        return (word.length() == 1 && Character.isUpperCase(text.charAt(from))) || ABBREVIATIONS.contains(word);
    }

    private static void add(List<String> sentences, String sentence) {
        var trimmed = sentence.strip();
        if (!trimmed.isEmpty()) {
            sentences.add(trimmed);
        }
    }
}
