package dev.atelier.personalmodel;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The programming languages Atelier tells apart by file extension, with just enough lexical knowledge to find
 * comments and string literals and to say how declarations nest. Not a parser: the chunker and the code profile
 * need where functions and classes start and end, and which lines are comments, nothing more.
 */
enum SourceLanguage {

    JAVA("Java", Structure.BRACES, "//", "\"'", true, true, "java"),
    KOTLIN("Kotlin", Structure.BRACES, "//", "\"'", true, true, "kt", "kts"),
    SCALA("Scala", Structure.BRACES, "//", "\"'", true, true, "scala"),
    GROOVY("Groovy", Structure.BRACES, "//", "\"'", true, false, "groovy"),
    JAVASCRIPT("JavaScript", Structure.BRACES, "//", "\"'`", false, false, "js", "mjs", "cjs", "jsx"),
    TYPESCRIPT("TypeScript", Structure.BRACES, "//", "\"'`", false, false, "ts", "tsx", "mts", "cts"),
    GO("Go", Structure.BRACES, "//", "\"'`", false, true, "go"),
    RUST("Rust", Structure.BRACES, "//", "\"'", false, true, "rs"),
    C("C", Structure.BRACES, "//", "\"'", false, true, "c", "h"),
    CPP("C++", Structure.BRACES, "//", "\"'", false, true, "cc", "cpp", "cxx", "hpp", "hh", "hxx"),
    CSHARP("C#", Structure.BRACES, "//", "\"'", false, true, "cs"),
    SWIFT("Swift", Structure.BRACES, "//", "\"", true, false, "swift"),
    DART("Dart", Structure.BRACES, "//", "\"'", true, false, "dart"),
    PHP("PHP", Structure.BRACES, "// #", "\"'", false, false, "php"),
    PYTHON("Python", Structure.INDENTATION, "#", "\"'", true, false, "py", "pyw"),
    RUBY("Ruby", Structure.END_KEYWORD, "#", "\"'", false, false, "rb"),
    CSS("CSS", Structure.NONE, "", "\"'", false, false, "css", "scss", "less"),
    SHELL("Shell", Structure.NONE, "#", "\"'", false, false, "sh", "bash", "zsh"),
    SQL("SQL", Structure.NONE, "--", "\"'", false, false, "sql"),
    LUA("Lua", Structure.NONE, "--", "\"'", false, false, "lua"),
    R("R", Structure.NONE, "#", "\"'", false, false, "r"),
    YAML("YAML", Structure.NONE, "#", "\"'", false, false, "yaml", "yml"),
    TOML("TOML", Structure.NONE, "#", "\"'", false, false, "toml"),
    JSON("JSON", Structure.NONE, "", "\"", false, false, "json"),
    OTHER("Other", Structure.NONE, "", "", false, false);

    /** How a language's declarations nest, which decides how its code is chunked. */
    enum Structure {
        /** Bodies in {@code { }}. */
        BRACES,
        /** Python: a body is the lines indented deeper than its {@code def} or {@code class}. */
        INDENTATION,
        /** Ruby: bodies close with {@code end}. */
        END_KEYWORD,
        /** No declarations recognised: chunked by line windows. */
        NONE
    }

    private static final Map<String, SourceLanguage> BY_EXTENSION = new HashMap<>();

    static {
        for (var language : values()) {
            for (var extension : language.extensions) {
                BY_EXTENSION.put(extension, language);
            }
        }
    }

    private final String displayName;
    private final Structure structure;
    private final List<String> lineComments;
    private final String quotes;
    private final boolean tripleQuotes;
    private final boolean shortCharLiterals;
    private final List<String> extensions;

    /**
     * @param lineComments space-separated tokens that start a comment running to the end of the line
     * @param quotes characters that open a string literal, closed by the same character on the same line (a
     *     backtick string may span lines)
     * @param tripleQuotes whether {@code """} opens a string that may span lines (and {@code '''} in Python)
     * @param shortCharLiterals whether {@code '} opens only a short character literal ({@code 'a'},
     *     {@code '\n'}); a {@code '} not closed within a few characters is then code (a Rust lifetime)
     */
    SourceLanguage(String displayName, Structure structure, String lineComments, String quotes, boolean tripleQuotes,
                   boolean shortCharLiterals, String... extensions) {
        this.displayName = displayName;
        this.structure = structure;
        this.lineComments = lineComments.isEmpty() ? List.of() : List.of(lineComments.split(" "));
        this.quotes = quotes;
        this.tripleQuotes = tripleQuotes;
        this.shortCharLiterals = shortCharLiterals;
        this.extensions = List.of(extensions);
    }

    static SourceLanguage of(String fileName) {
        return BY_EXTENSION.getOrDefault(extension(fileName), OTHER);
    }

    /** The language's name, or for an extension Atelier does not know, the extension itself. */
    static String displayName(String fileName) {
        var language = of(fileName);
        if (language != OTHER) {
            return language.displayName;
        }
        var extension = extension(fileName);
        return extension.isEmpty() ? OTHER.displayName : extension;
    }

    Structure structure() {
        return structure;
    }

    List<String> lineComments() {
        return lineComments;
    }

    /** C-style block comments: every language here with {@code //} comments has them, and so do CSS and SQL. */
    boolean blockComments() {
        return lineComments.contains("//") || this == CSS || this == SQL;
    }

    boolean quote(char c) {
        return quotes.indexOf(c) >= 0;
    }

    boolean tripleQuotes() {
        return tripleQuotes;
    }

    boolean shortCharLiterals() {
        return shortCharLiterals;
    }

    private static String extension(String fileName) {
        var dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
