package dev.atelier.personalmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Finds the functions and classes of a source file and cuts the file into {@link Span}s: one per function (or per
 * class without members), the rest of a class (its header, fields, closing brace) under the class's name, and code
 * outside any declaration under no name. The spans cover the file in order without overlapping; a span starts with
 * the comments, annotations and decorators written directly above its declaration.
 *
 * <p>Brace languages are read by a small scanner that matches braces in {@link SourceMask#code()} and decides from
 * the text before each opening brace whether it opens a class-like container, a function or just a block. Python is
 * read by indentation, Ruby by {@code end} aligned with its {@code def}. Heuristics, not parsers: code they do not
 * understand ends up in a nameless span, never lost.
 */
final class CodeDeclarations {

    /** {@code [start, end)} in the source; {@code symbol} is "" for code outside any declaration. */
    record Span(int start, int end, String symbol) {
    }

    private record Declaration(int start, int end, String symbol, List<Declaration> members) {
    }

    private enum HeaderKind {
        CONTAINER, FUNCTION, BLOCK
    }

    /** {@code position} is where the name is; {@code statement} where the declaring statement's first token is. */
    private record Header(HeaderKind kind, String name, int position, int statement) {
        static final Header BLOCK = new Header(HeaderKind.BLOCK, "", -1, -1);

        Header at(int statementPosition) {
            return new Header(kind, name, position, statementPosition);
        }
    }

    private record Token(String text, int position, int depth) {
        boolean identifier() {
            return Character.isJavaIdentifierStart(text.charAt(0));
        }
    }

    /** Words that start a statement block rather than a declaration. */
    private static final Set<String> CONTROL = Set.of("if", "else", "for", "while", "do", "switch", "try", "catch",
            "finally", "synchronized", "return", "when", "foreach", "using", "lock", "fixed", "unsafe", "match",
            "loop", "with", "select", "defer", "go", "throw", "yield", "await", "new", "typeof", "sizeof");

    private static final Set<String> CONTAINERS = Set.of("class", "interface", "enum", "record", "struct", "trait",
            "impl", "object", "namespace", "mod", "module", "union", "protocol", "extension", "type");

    /** Containers that may be anonymous ({@code export default class {}}); the others are ordinary words too. */
    private static final Set<String> ANONYMOUS_CONTAINERS = Set.of("class", "struct", "interface", "enum", "object");

    private static final Set<String> VARIABLE_KEYWORDS = Set.of("let", "var", "val");

    private static final Set<String> FUNCTION_KEYWORDS = Set.of("fn", "func", "fun", "function", "def", "sub");

    /** Words that are never the name of what they precede. */
    private static final Set<String> NOT_A_NAME = Set.of("extends", "implements", "where", "for", "class",
            "interface", "enum", "struct", "object", "case", "data", "sealed", "abstract", "open", "final", "public",
            "private", "protected", "internal", "static", "export", "default", "pub", "unsafe", "async", "super",
            "this", "const", "function", "fn", "func", "fun", "def", "return", "new", "throws", "annotation");

    private static final Set<String> TWO_CHARACTER_TOKENS = Set.of("=>", "==", "!=", "<=", ">=", "->", "::");

    private static final Set<String> CONTINUES_AFTER = Set.of("=", ",", "(", "[", ".", ":", "::", "->", "=>", "&",
            "|", "+", "-", "*", "/", "?", "<", "!", "@");
    private static final Set<String> CONTINUES_BEFORE = Set.of("extends", "implements", "throws", "where", "permits",
            "with", ":", ".", "?", ")", "]", "->", "=>", "=", "<", ",");

    private static final Pattern PYTHON_DECLARATION =
            Pattern.compile("^[ \\t]*(?:async[ \\t]+)?(def|class)[ \\t]+([A-Za-z_]\\w*)");
    private static final Pattern RUBY_DECLARATION =
            Pattern.compile("^[ \\t]*(def|class|module)[ \\t]+(?:self\\.)?([A-Za-z_][\\w:]*[?!=]?)");
    private static final Pattern RUBY_END = Pattern.compile("^[ \\t]*end\\b");
    private static final Pattern RUBY_SAME_LINE_END = Pattern.compile("\\bend\\s*$");

    private CodeDeclarations() {
    }

    static List<Span> spans(SourceLanguage language, String source) {
        var mask = SourceMask.of(language, source);
        var declarations = switch (language.structure()) {
            case BRACES -> braceBody(mask, 0, source.length(), "");
            case INDENTATION -> indented(new Lines(mask), 0, mask.lines().size(), "", false);
            case END_KEYWORD -> indented(new Lines(mask), 0, mask.lines().size(), "", true);
            case NONE -> List.<Declaration>of();
        };
        var spans = new ArrayList<Span>();
        flatten(declarations, 0, source.length(), "", spans);
        return spans;
    }

    private static void flatten(List<Declaration> declarations, int from, int to, String rest, List<Span> spans) {
        var cursor = from;
        for (var declaration : declarations) {
            var start = Math.max(cursor, declaration.start());
            if (start > cursor) {
                spans.add(new Span(cursor, start, rest));
            }
            if (declaration.members().isEmpty()) {
                spans.add(new Span(start, declaration.end(), declaration.symbol()));
            } else {
                flatten(declaration.members(), start, declaration.end(), declaration.symbol(), spans);
            }
            cursor = declaration.end();
        }
        if (to > cursor) {
            spans.add(new Span(cursor, to, rest));
        }
    }

    // Brace languages

    private static List<Declaration> braceBody(SourceMask mask, int from, int to, String prefix) {
        var code = mask.code();
        var found = new ArrayList<Declaration>();
        var statementStart = from;
        var parens = 0;
        var i = from;
        while (i < to) {
            var c = code.charAt(i);
            if (c == '(' || c == '[') {
                parens++;
            } else if (c == ')' || c == ']') {
                parens = Math.max(0, parens - 1);
            } else if ((c == ';' || c == '}') && parens == 0) {
                statementStart = i + 1;
            } else if (c == '{') {
                var afterClose = afterMatchingBrace(code, i, to);
                var header = parens > 0 ? Header.BLOCK : header(code, statementStart, i);
                if (header.kind() == HeaderKind.BLOCK) {
                    if (parens == 0) {
                        statementStart = afterClose;
                    }
                    i = afterClose;
                    continue;
                }
                var start = declarationStart(mask, statementStart, header);
                var end = endOfLine(code, afterClose, to);
                var symbol = prefix + header.name();
                var members = header.kind() == HeaderKind.CONTAINER
                        ? braceBody(mask, i + 1, Math.max(i + 1, afterClose - 1), symbol + ".")
                        : List.<Declaration>of();
                found.add(new Declaration(start, end, symbol, members));
                statementStart = end;
                i = end;
                continue;
            }
            i++;
        }
        return found;
    }

    private static int afterMatchingBrace(String code, int open, int to) {
        var depth = 0;
        for (var i = open; i < to; i++) {
            var c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return to;
    }

    /** Past a closing brace, the rest of its line joins the declaration if it holds only comments or {@code ;}. */
    private static int endOfLine(String code, int afterClose, int to) {
        var j = afterClose;
        while (j < to && code.charAt(j) != '\n') {
            var c = code.charAt(j);
            if (!Character.isWhitespace(c) && c != ';' && c != ',') {
                return afterClose;
            }
            j++;
        }
        return j;
    }

    /**
     * Where a declaration's text begins: its statement's first line, or above it the unbroken run of comment,
     * annotation and attribute lines ({@code @Override}, {@code #[derive]}, {@code [HttpGet]}) written right above,
     * but never before the end of the previous statement.
     */
    private static int declarationStart(SourceMask mask, int statementStart, Header header) {
        var lines = mask.lines();
        var index = lineIndex(lines, header.statement());
        while (index > 0 && lines.get(index - 1).start() >= statementStart && leads(mask, lines.get(index - 1))) {
            index--;
        }
        var start = Math.max(lines.get(index).start(), statementStart);
        var source = mask.source();
        while (start < header.statement() && Character.isWhitespace(source.charAt(start))) {
            start++;
        }
        return start;
    }

    private static boolean leads(SourceMask mask, SourceMask.Line line) {
        if (line.kind() == SourceMask.LineKind.COMMENT) {
            return true;
        }
        var code = mask.code().substring(line.start(), line.end()).strip();
        return line.kind() == SourceMask.LineKind.CODE
                && (code.startsWith("@") || code.startsWith("#[") || code.startsWith("["));
    }

    private static int lineIndex(List<SourceMask.Line> lines, int position) {
        int low = 0, high = lines.size() - 1;
        while (low < high) {
            var middle = (low + high + 1) >>> 1;
            if (lines.get(middle).start() <= position) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /** What the code between the end of the previous statement and an opening brace declares, if anything. */
    private static Header header(String code, int from, int to) {
        var tokens = lastStatement(code, tokens(code, from, to));
        if (tokens.isEmpty() || CONTROL.contains(tokens.getFirst().text())) {
            return Header.BLOCK;
        }
        return declaration(tokens).at(tokens.getFirst().position());
    }

    private static Header declaration(List<Token> tokens) {
        var assignment = -1;
        var firstParen = tokens.size();
        for (var k = 0; k < tokens.size(); k++) {
            var token = tokens.get(k);
            if (token.depth() == 0 && token.text().equals("=") && assignment < 0) {
                assignment = k;
            }
            if (token.depth() == 0 && token.text().equals("(") && firstParen == tokens.size()) {
                firstParen = k;
            }
        }
        if (assignment >= 0) {
            return assignedFunction(tokens, assignment);
        }
        var container = container(tokens, Math.min(firstParen, tokens.size()));
        if (container != null) {
            return container;
        }
        return function(tokens);
    }

    /**
     * The tokens after the last line break that ends a statement, for languages where one can (Kotlin, Swift, Go,
     * JavaScript without semicolons). A line break ends a statement when it is outside brackets, the token before it
     * can end an expression (not {@code =} or {@code ,}) and the token after it does not continue a declaration (not
     * {@code extends} or {@code :}); a line break right after an annotation ({@code @Override}) does not either.
     */
    private static List<Token> lastStatement(String code, List<Token> tokens) {
        var from = 0;
        for (var k = 1; k < tokens.size(); k++) {
            var previous = tokens.get(k - 1);
            var token = tokens.get(k);
            if (token.depth() == 0 && code.substring(previous.position(), token.position()).indexOf('\n') >= 0
                    && !CONTINUES_AFTER.contains(previous.text()) && !CONTINUES_BEFORE.contains(token.text())
                    && !(k >= 2 && tokens.get(k - 2).text().equals("@"))) {
                from = k;
            }
        }
        return tokens.subList(from, tokens.size());
    }

    /** {@code const name = (…) => {}} and {@code name = function (…) {}} declare functions; other assignments not. */
    private static Header assignedFunction(List<Token> tokens, int assignment) {
        var function = false;
        for (var k = assignment + 1; k < tokens.size(); k++) {
            var text = tokens.get(k).text();
            function |= text.equals("=>") || text.equals("function");
        }
        if (!function) {
            return Header.BLOCK;
        }
        var end = assignment;
        for (var k = 0; k < assignment; k++) {
            if (tokens.get(k).depth() == 0 && tokens.get(k).text().equals(":")) {
                end = k;
                break;
            }
        }
        for (var k = end - 1; k >= 0; k--) {
            var token = tokens.get(k);
            if (token.identifier() && !NOT_A_NAME.contains(token.text()) && !VARIABLE_KEYWORDS.contains(token.text())) {
                return new Header(HeaderKind.FUNCTION, token.text(), token.position(), -1);
            }
        }
        return Header.BLOCK;
    }

    private static @Nullable Header container(List<Token> tokens, int before) {
        for (var k = 0; k < before; k++) {
            var keyword = tokens.get(k);
            if (keyword.depth() != 0 || !CONTAINERS.contains(keyword.text())
                    || (k > 0 && tokens.get(k - 1).text().equals("."))) {
                continue;
            }
            var from = k + 1;
            if (keyword.text().equals("impl")) {
                for (var j = k + 1; j < before; j++) {
                    if (tokens.get(j).text().equals("for")) {
                        from = j + 1;
                    }
                }
            }
            for (var j = from; j < before; j++) {
                var token = tokens.get(j);
                if (token.text().equals("<")) {
                    j = skipAngles(tokens, j, before);
                    continue;
                }
                if (token.identifier() && !NOT_A_NAME.contains(token.text()) && !CONTAINERS.contains(token.text())) {
                    return new Header(HeaderKind.CONTAINER, token.text(), token.position(), -1);
                }
                if (!token.identifier() && !token.text().equals("@")) {
                    break;
                }
            }
            if (ANONYMOUS_CONTAINERS.contains(keyword.text())) {
                return new Header(HeaderKind.CONTAINER, keyword.text(), keyword.position(), -1);
            }
        }
        return null;
    }

    /** A function's name is the word before its parameter list: the last parenthesised group that follows a name. */
    private static Header function(List<Token> tokens) {
        for (var k = tokens.size() - 1; k > 0; k--) {
            var open = tokens.get(k);
            if (open.depth() != 0 || !open.text().equals("(")) {
                continue;
            }
            var j = k - 1;
            if (tokens.get(j).text().equals(">")) {
                j = skipAnglesBackwards(tokens, j);
            }
            if (j < 0) {
                continue;
            }
            var name = tokens.get(j);
            var before = j > 0 ? tokens.get(j - 1).text() : "";
            if (!name.identifier() || before.equals("@")) {
                continue;
            }
            if (FUNCTION_KEYWORDS.contains(before) || !(NOT_A_NAME.contains(name.text())
                    || CONTROL.contains(name.text()) || FUNCTION_KEYWORDS.contains(name.text()))) {
                return new Header(HeaderKind.FUNCTION, name.text(), name.position(), -1);
            }
        }
        return Header.BLOCK;
    }

    private static int skipAngles(List<Token> tokens, int open, int before) {
        var depth = 0;
        for (var j = open; j < before; j++) {
            var text = tokens.get(j).text();
            if (text.equals("<")) {
                depth++;
            } else if (text.equals(">") && --depth == 0) {
                return j;
            }
        }
        return before;
    }

    private static int skipAnglesBackwards(List<Token> tokens, int close) {
        var depth = 0;
        for (var j = close; j >= 0; j--) {
            var text = tokens.get(j).text();
            if (text.equals(">")) {
                depth++;
            } else if (text.equals("<") && --depth == 0) {
                return j - 1;
            }
        }
        return -1;
    }

    /**
     * Identifiers and punctuation, each with its depth in round and square brackets; {@code => == != <= >= -> ::}
     * are single tokens, so a lone {@code =} assigns.
     */
    private static List<Token> tokens(String code, int from, int to) {
        var tokens = new ArrayList<Token>();
        var depth = 0;
        var i = from;
        while (i < to) {
            var c = code.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                var end = i + 1;
                while (end < to && Character.isJavaIdentifierPart(code.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(code.substring(i, end), i, depth));
                i = end;
            } else {
                var pair = i + 1 < to ? code.substring(i, i + 2) : "";
                if (TWO_CHARACTER_TOKENS.contains(pair)) {
                    tokens.add(new Token(pair, i, depth));
                    i += 2;
                    continue;
                }
                if (c == ')' || c == ']') {
                    depth = Math.max(0, depth - 1);
                }
                tokens.add(new Token(String.valueOf(c), i, depth));
                if (c == '(' || c == '[') {
                    depth++;
                }
                i++;
            }
        }
        return tokens;
    }

    // Python and Ruby

    /**
     * Per line: indentation width (a tab counts as 4), bracket depth at its start, and whether it starts with code
     * rather than inside a string or comment, from the masked code.
     */
    private static final class Lines {
        final List<SourceMask.Line> lines;
        final int[] indent;
        final int[] depth;
        final boolean[] startsWithCode;
        final String[] code;

        Lines(SourceMask mask) {
            lines = mask.lines();
            indent = new int[lines.size()];
            depth = new int[lines.size()];
            startsWithCode = new boolean[lines.size()];
            code = new String[lines.size()];
            var running = 0;
            for (var n = 0; n < lines.size(); n++) {
                var line = lines.get(n);
                code[n] = mask.code().substring(line.start(), line.end());
                depth[n] = running;
                var text = mask.source().substring(line.start(), line.end());
                var width = 0;
                var first = 0;
                for (; first < text.length() && (text.charAt(first) == ' ' || text.charAt(first) == '\t'); first++) {
                    width += text.charAt(first) == '\t' ? 4 : 1;
                }
                indent[n] = width;
                startsWithCode[n] = first < text.length() && code[n].charAt(first) == text.charAt(first);
                for (var i = 0; i < code[n].length(); i++) {
                    var c = code[n].charAt(i);
                    if (c == '(' || c == '[' || c == '{') {
                        running++;
                    } else if ((c == ')' || c == ']' || c == '}') && running > 0) {
                        running--;
                    }
                }
            }
        }

        boolean code(int n) {
            return lines.get(n).kind() == SourceMask.LineKind.CODE;
        }

        boolean blank(int n) {
            return lines.get(n).kind() == SourceMask.LineKind.BLANK;
        }

        /** A line that starts a new statement at or left of {@code column}, ending any body deeper than it. */
        boolean closes(int n, int column) {
            return startsWithCode[n] && depth[n] == 0 && indent[n] <= column;
        }
    }

    private static List<Declaration> indented(Lines lines, int fromLine, int toLine, String prefix,
                                              boolean endKeyword) {
        var found = new ArrayList<Declaration>();
        var previousEnd = fromLine;
        var n = fromLine;
        while (n < toLine) {
            var matcher = (endKeyword ? RUBY_DECLARATION : PYTHON_DECLARATION).matcher(lines.code[n]);
            if (!lines.startsWithCode[n] || lines.depth[n] != 0 || !matcher.find()) {
                n++;
                continue;
            }
            var column = lines.indent[n];
            var bodyEnd = endKeyword ? rubyEnd(lines, n, toLine) : -1;
            if (bodyEnd < 0) {
                bodyEnd = n + 1;
                while (bodyEnd < toLine && !lines.closes(bodyEnd, column)) {
                    bodyEnd++;
                }
                while (bodyEnd - 1 > n && (lines.blank(bodyEnd - 1)
                        || (!lines.code(bodyEnd - 1) && lines.indent[bodyEnd - 1] <= column))) {
                    bodyEnd--;
                }
            }
            var first = n;
            while (first - 1 >= previousEnd && !lines.blank(first - 1) && lines.indent[first - 1] == column
                    && (!lines.code(first - 1) || lines.code[first - 1].strip().startsWith("@"))) {
                first--;
            }
            var symbol = prefix + matcher.group(2);
            var members = matcher.group(1).equals("def") ? List.<Declaration>of()
                    : indented(lines, n + 1, bodyEnd, symbol + ".", endKeyword);
            found.add(new Declaration(lines.lines.get(first).start(), lines.lines.get(bodyEnd - 1).end(), symbol,
                    members));
            previousEnd = bodyEnd;
            n = bodyEnd;
        }
        return found;
    }

    /** The line after Ruby's {@code end} aligned with the declaration on line {@code n}, or -1 if there is none. */
    private static int rubyEnd(Lines lines, int n, int toLine) {
        if (RUBY_SAME_LINE_END.matcher(lines.code[n]).find()) {
            return n + 1;
        }
        for (var m = n + 1; m < toLine; m++) {
            if (lines.code(m) && lines.indent[m] == lines.indent[n] && RUBY_END.matcher(lines.code[m]).find()) {
                return m + 1;
            }
            if (lines.closes(m, lines.indent[n]) && !RUBY_END.matcher(lines.code[m]).find()) {
                return -1;
            }
        }
        return -1;
    }
}
