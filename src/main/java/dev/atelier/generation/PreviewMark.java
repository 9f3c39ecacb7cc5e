package dev.atelier.generation;

import java.util.regex.Pattern;

/**
 * The marked, truncated form of a draft that a client sees before buying: the first share of its words between two
 * visible "Preview · Atelier · creator" lines, the rest held back. The marks are part of the text, so a copy of the
 * preview carries them.
 */
final class PreviewMark {

    private static final Pattern WORD = Pattern.compile("\\S+");

    private PreviewMark() {
    }

    record Marked(String text, int shownWords, int totalWords) {

        int heldBackWords() {
            return totalWords - shownWords;
        }
    }

    static String label(String creatorName) {
        return "Preview · Atelier · " + creatorName;
    }

    /**
     * Keeps the first {@code share} of the words (at least one, and always fewer than all when there are two or
     * more), cut at a word boundary so that layout such as paragraph breaks is kept.
     */
    static Marked mark(String draft, String creatorName, double share) {
        var words = WORD.matcher(draft);
        var total = (int) words.reset().results().count();
        var shown = total <= 1 ? total : Math.min(total - 1, Math.max(1, (int) Math.round(total * share)));
        var end = 0;
        words.reset();
        for (var i = 0; i < shown && words.find(); i++) {
            end = words.end();
        }
        var label = label(creatorName);
        var text = "[" + label + "]\n" + draft.substring(0, end).strip()
                + (total > shown ? " …\n[" + label + " · " + (total - shown) + " more words after purchase]"
                        : "\n[" + label + "]");
        return new Marked(text, shown, total);
    }

    static int words(String text) {
        return (int) WORD.matcher(text).results().count();
    }
}
