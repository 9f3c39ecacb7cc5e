package dev.atelier.personalmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.atelier.portfolio.WorkKind;

/**
 * Cuts a work's text into {@link Chunk}s: prose by paragraph, Markdown by heading, code by function or class.
 *
 * <p>Prose paragraphs are packed into chunks of about {@value #TARGET_TOKENS} tokens (estimated, see
 * {@link Prose#TOKENS_PER_WORD}); each chunk after the first opens with the last sentences of the one before, about
 * {@value #OVERLAP_TOKENS} tokens, so a thought cut at a boundary is whole in one of them. A paragraph longer than a
 * chunk is cut between sentences, and a sentence longer than a chunk between words.
 *
 * <p>Code is cut where {@link CodeDeclarations} finds declarations; a piece longer than {@value #WINDOW_LINES}
 * lines, and any file in a language without recognised declarations, is cut into windows of at most that many
 * lines overlapping by {@value #WINDOW_OVERLAP_LINES}.
 *
 * <p>Pure and deterministic: the same input always gives the same chunks, which is what lets training find the
 * vectors of unchanged chunks again by content hash.
 */
final class Chunker {

    static final int TARGET_TOKENS = 300;
    static final int OVERLAP_TOKENS = 50;
    static final int WINDOW_LINES = 60;
    static final int WINDOW_OVERLAP_LINES = 10;

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t#]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    /** What is left of a class once its members are cut out may be just closing braces or Ruby's {@code end}. */
    private static final Pattern ONLY_CLOSERS = Pattern.compile("[^\\p{L}\\p{N}]*(?:\\bend\\b[^\\p{L}\\p{N}]*)*");

    /** A paragraph, or a part of one, that fits a chunk. */
    private record Piece(String text, int tokens, boolean startsParagraph) {
    }

    private Chunker() {
    }

    static List<Chunk> chunk(WorkKind kind, String fileName, String text) {
        var chunks = new Chunks();
        if (kind == WorkKind.CODE) {
            code(fileName, text, chunks);
        } else if (markdown(fileName)) {
            markdown(text, chunks);
        } else {
            prose(text, "", chunks);
        }
        return chunks.list();
    }

    private static boolean markdown(String fileName) {
        var lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown");
    }

    // Prose

    private static void prose(String text, String section, Chunks chunks) {
        var pieces = new ArrayList<Piece>();
        for (var paragraph : Prose.paragraphs(text)) {
            var tokens = Prose.estimatedTokens(paragraph);
            if (tokens <= TARGET_TOKENS) {
                pieces.add(new Piece(paragraph, tokens, true));
                continue;
            }
            var first = true;
            for (var sentence : Prose.sentences(paragraph)) {
                for (var part : fitted(sentence)) {
                    pieces.add(new Piece(part, Prose.estimatedTokens(part), first));
                    first = false;
                }
            }
        }
        pack(pieces, section, chunks);
    }

    /** A sentence that fits a chunk as it is, or else its words in runs that do. */
    private static List<String> fitted(String sentence) {
        if (Prose.estimatedTokens(sentence) <= TARGET_TOKENS) {
            return List.of(sentence);
        }
        var wordsPerPart = (int) (TARGET_TOKENS / Prose.TOKENS_PER_WORD);
        var parts = new ArrayList<String>();
        var part = new StringBuilder();
        var words = 0;
        for (var piece : Prose.spaceSeparated(sentence)) {
            var pieceWords = Prose.wordCount(piece);
            if (words > 0 && words + pieceWords > wordsPerPart) {
                parts.add(part.toString());
                part.setLength(0);
                words = 0;
            }
            if (!part.isEmpty()) {
                part.append(' ');
            }
            part.append(piece);
            words += pieceWords;
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        return parts;
    }

    private static void pack(List<Piece> pieces, String section, Chunks chunks) {
        var current = new StringBuilder();
        var tokens = 0;
        var fresh = false;
        for (var piece : pieces) {
            if (fresh && tokens + piece.tokens() > TARGET_TOKENS) {
                var done = current.toString();
                chunks.add(done, section);
                var overlap = overlap(done);
                current.setLength(0);
                current.append(overlap);
                tokens = Prose.estimatedTokens(overlap);
                fresh = false;
            }
            if (!current.isEmpty()) {
                current.append(piece.startsParagraph() ? "\n\n" : " ");
            }
            current.append(piece.text());
            tokens += piece.tokens();
            fresh = true;
        }
        if (fresh) {
            chunks.add(current.toString(), section);
        }
    }

    /** The last whole sentences of a chunk within {@link #OVERLAP_TOKENS}, or its last words if one is longer. */
    private static String overlap(String chunk) {
        var sentences = Prose.sentences(chunk);
        var from = sentences.size();
        var tokens = 0;
        while (from > 0 && tokens + Prose.estimatedTokens(sentences.get(from - 1)) <= OVERLAP_TOKENS) {
            tokens += Prose.estimatedTokens(sentences.get(--from));
        }
        if (from < sentences.size()) {
            return String.join(" ", sentences.subList(from, sentences.size()));
        }
        var words = Prose.spaceSeparated(sentences.getLast());
        var keep = (int) (OVERLAP_TOKENS / Prose.TOKENS_PER_WORD);
        return String.join(" ", words.subList(Math.max(0, words.size() - keep), words.size()));
    }

    // Markdown

    /** One section per ATX heading ({@code #} to {@code ######}), outside fenced code; the heading opens it. */
    private static void markdown(String text, Chunks chunks) {
        var heading = "";
        var body = new StringBuilder();
        var fenced = false;
        for (var line : text.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
            }
            var matcher = HEADING.matcher(line);
            if (!fenced && matcher.matches()) {
                section(body.toString(), heading, chunks);
                heading = matcher.group(2) == null ? "" : matcher.group(2).strip();
                body.setLength(0);
            }
            body.append(line).append('\n');
        }
        section(body.toString(), heading, chunks);
    }

    private static void section(String body, String heading, Chunks chunks) {
        if (Prose.estimatedTokens(body) <= TARGET_TOKENS) {
            chunks.add(body, heading);
        } else {
            prose(body, heading, chunks);
        }
    }

    // Code

    private static void code(String fileName, String text, Chunks chunks) {
        for (var span : CodeDeclarations.spans(SourceLanguage.of(fileName), text)) {
            var unit = text.substring(span.start(), span.end());
            if (!ONLY_CLOSERS.matcher(unit).matches()) {
                lineWindows(unit, span.symbol(), chunks);
            }
        }
    }

    /**
     * The text whole if it has at most {@link #WINDOW_LINES} lines; otherwise windows of at most that many lines,
     * each overlapping the one before by {@link #WINDOW_OVERLAP_LINES}, evened out so the last is not a sliver.
     */
    private static void lineWindows(String text, String section, Chunks chunks) {
        var lines = text.strip().split("\n", -1);
        if (lines.length <= WINDOW_LINES) {
            chunks.add(text, section);
            return;
        }
        var step = WINDOW_LINES - WINDOW_OVERLAP_LINES;
        var windows = (lines.length - WINDOW_OVERLAP_LINES + step - 1) / step;
        var size = (lines.length + (windows - 1) * WINDOW_OVERLAP_LINES + windows - 1) / windows;
        for (var start = 0; ; start += size - WINDOW_OVERLAP_LINES) {
            var end = Math.min(lines.length, start + size);
            chunks.add(String.join("\n", List.of(lines).subList(start, end)), section);
            if (end == lines.length) {
                break;
            }
        }
    }

    /** Collects chunks in document order, trimmed, numbered from 0; blank ones are dropped. */
    private static final class Chunks {
        private final List<Chunk> chunks = new ArrayList<>();

        void add(String text, String section) {
            var trimmed = text.strip();
            if (!trimmed.isEmpty()) {
                chunks.add(new Chunk(trimmed, chunks.size(), section));
            }
        }

        List<Chunk> list() {
            return List.copyOf(chunks);
        }
    }
}
