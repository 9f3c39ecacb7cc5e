package dev.atelier.personalmodel;

import java.util.ArrayList;
import java.util.List;

/**
 * Which characters of a source file are comment, string literal or code, found with the lexical rules of its
 * {@link SourceLanguage}. Scanners look for braces, parentheses and keywords in {@link #code()}, where comments and
 * literals are blanked, so a brace in a string or a {@code def} in a comment is never taken for structure.
 *
 * <p>A Python string that stands alone as a statement (a docstring) counts as a comment. Immutable.
 */
final class SourceMask {

    enum LineKind {
        BLANK, COMMENT, CODE
    }

    /** A line of the source: {@code [start, end)}, without its line break. A final line break ends the last line. */
    record Line(int start, int end, LineKind kind) {
    }

    private static final byte CODE = 0;
    private static final byte COMMENT = 1;
    private static final byte STRING = 2;

    /** The longest escaped character literal looked for, such as {@code '\x7F'} or an escaped code point. */
    private static final int LONGEST_CHAR_LITERAL = 12;

    private final String source;
    private final byte[] kinds;
    private final String code;
    private final List<Line> lines;

    private SourceMask(String source, byte[] kinds) {
        this.source = source;
        this.kinds = kinds;
        var blanked = source.toCharArray();
        for (var i = 0; i < blanked.length; i++) {
            if (kinds[i] != CODE && blanked[i] != '\n') {
                blanked[i] = ' ';
            }
        }
        this.code = new String(blanked);
        this.lines = splitLines();
    }

    static SourceMask of(SourceLanguage language, String source) {
        var kinds = new byte[source.length()];
        var n = source.length();
        var i = 0;
        while (i < n) {
            var c = source.charAt(i);
            var comment = lineCommentAt(language, source, i);
            if (comment) {
                var end = source.indexOf('\n', i);
                i = mark(kinds, i, end < 0 ? n : end, COMMENT);
            } else if (language.blockComments() && source.startsWith("/*", i)) {
                var close = source.indexOf("*/", i + 2);
                i = mark(kinds, i, close < 0 ? n : close + 2, COMMENT);
            } else if (tripleQuoteAt(language, source, i)) {
                var delimiter = source.substring(i, i + 3);
                var close = source.indexOf(delimiter, i + 3);
                var kind = language == SourceLanguage.PYTHON && onlyWhitespaceBefore(source, i) ? COMMENT : STRING;
                i = mark(kinds, i, close < 0 ? n : close + 3, kind);
            } else if (language.quote(c)) {
                var end = c == '\'' && language.shortCharLiterals() ? charLiteralEnd(source, i) : stringEnd(source, i);
                i = end < 0 ? i + 1 : mark(kinds, i, end, STRING);
            } else {
                i++;
            }
        }
        return new SourceMask(source, kinds);
    }

    /** The source with comments and string literals replaced by spaces; line breaks and offsets unchanged. */
    String code() {
        return code;
    }

    String source() {
        return source;
    }

    List<Line> lines() {
        return lines;
    }

    private List<Line> splitLines() {
        var result = new ArrayList<Line>();
        var start = 0;
        while (true) {
            var newline = source.indexOf('\n', start);
            var end = newline < 0 ? source.length() : newline;
            if (newline >= 0 || start < end || start == 0) {
                result.add(new Line(start, end, kind(start, end)));
            }
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        return List.copyOf(result);
    }

    private LineKind kind(int start, int end) {
        var sawComment = false;
        for (var i = start; i < end; i++) {
            if (Character.isWhitespace(source.charAt(i))) {
                continue;
            }
            if (kinds[i] == COMMENT) {
                sawComment = true;
            } else {
                return LineKind.CODE;
            }
        }
        return sawComment ? LineKind.COMMENT : LineKind.BLANK;
    }

    private static boolean lineCommentAt(SourceLanguage language, String source, int i) {
        for (var token : language.lineComments()) {
            if (source.startsWith(token, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean tripleQuoteAt(SourceLanguage language, String source, int i) {
        return language.tripleQuotes() && (source.startsWith("\"\"\"", i)
                || (language == SourceLanguage.PYTHON && source.startsWith("'''", i)));
    }

    private static boolean onlyWhitespaceBefore(String source, int i) {
        for (var j = i - 1; j >= 0 && source.charAt(j) != '\n'; j--) {
            if (!Character.isWhitespace(source.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    /** The end of the literal opened at {@code open}, or -1 if it is not closed on its line (backticks: at all). */
    private static int stringEnd(String source, int open) {
        var quote = source.charAt(open);
        for (var j = open + 1; j < source.length(); j++) {
            var c = source.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == quote) {
                return j + 1;
            } else if (c == '\n' && quote != '`') {
                return -1;
            }
        }
        return -1;
    }

    private static int charLiteralEnd(String source, int open) {
        if (open + 1 >= source.length()) {
            return -1;
        }
        if (source.charAt(open + 1) == '\\') {
            var end = stringEnd(source, open);
            return end > 0 && end - open <= LONGEST_CHAR_LITERAL ? end : -1;
        }
        var after = open + 1 + Character.charCount(source.codePointAt(open + 1));
        return after < source.length() && source.charAt(after) == '\'' ? after + 1 : -1;
    }

    private static int mark(byte[] kinds, int from, int to, byte kind) {
        for (var i = from; i < to; i++) {
            kinds[i] = kind;
        }
        return to;
    }
}
