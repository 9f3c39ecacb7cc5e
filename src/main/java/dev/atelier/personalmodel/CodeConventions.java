package dev.atelier.personalmodel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.atelier.personalmodel.StyleProfile.CodeStyle;
import dev.atelier.personalmodel.StyleProfile.IndentStyle;

/**
 * The conventions a creator's code follows: languages, indentation, how names are written, how much is comment and
 * how long lines run. Comments and string literals are told apart from code by {@link SourceMask}, so a name in a
 * comment is not a declaration and a commented-out line is a comment.
 */
final class CodeConventions {

    /** Names introduced by a keyword, in most languages: {@code class Foo}, {@code def parse}, {@code let mut x}. */
    private static final Pattern KEYWORD_DECLARATION = Pattern.compile("\\b(?:class|interface|enum|record|struct|"
            + "trait|object|type|typealias|protocol|module|fn|func|fun|function|def|let|const|var|val)\\s+(?:mut\\s+)?"
            + "([A-Za-z_$][\\w$]*)");
    /** Go methods: {@code func (s *Server) Handle(}. */
    private static final Pattern GO_METHOD = Pattern.compile("\\bfunc\\s*\\([^)]*\\)\\s*([A-Za-z_]\\w*)");
    /** Go short declarations: {@code count := 0}. */
    private static final Pattern GO_SHORT = Pattern.compile("([A-Za-z_]\\w*)\\s*:=");
    /** C-family typed declarations: {@code String name =}, {@code int count;}, {@code void run(}, parameters. */
    private static final Pattern TYPED_DECLARATION = Pattern.compile("\\b(?:[A-Z][\\w$]*(?:<[^;{}()=]*?>)?|byte|"
            + "short|int|long|float|double|boolean|bool|char|void|auto|string|unsigned|size_t)(?:\\[\\])*[ \\t]+\\*?"
            + "([a-zA-Z_$][\\w$]*)\\s*(?=[=;,()])");
    /** Python and Ruby assignments at the start of a line, with {@code self.} or {@code @} for attributes. */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^[ \\t]*(?:self\\.|@)?([A-Za-z_]\\w*)[ \\t]*"
            + "(?::[^=\\n]+)?=(?![=~])");
    private static final Pattern PYTHON_PARAMETERS = Pattern.compile("\\bdef\\s+\\w+\\s*\\(([^)]*)\\)");
    private static final Pattern PARAMETER = Pattern.compile("^\\s*\\*{0,2}([A-Za-z_]\\w*)");

    private static final Set<SourceLanguage> TYPED_LANGUAGES = EnumSet.of(SourceLanguage.JAVA, SourceLanguage.C,
            SourceLanguage.CPP, SourceLanguage.CSHARP, SourceLanguage.DART, SourceLanguage.GROOVY);

    private static final Set<String> NOT_NAMES = Set.of("self", "cls", "this", "super", "true", "false", "null",
            "nil", "None", "True", "False", "return", "new", "else", "in", "of", "extends", "implements", "var");

    private enum Case {
        CAMEL, SNAKE, PASCAL, UPPER, OTHER
    }

    private CodeConventions() {
    }

    static CodeStyle measure(List<ProfileInput> files) {
        var languages = new TreeMap<String, Integer>();
        int lines = 0, nonBlank = 0, commentLines = 0, tabbed = 0, spaced = 0;
        long characters = 0;
        var steps = new int[9]; // how often indentation grows by 1 to 8 columns from one code line to the next
        var cases = new int[Case.values().length];
        for (var file : files) {
            languages.merge(SourceLanguage.displayName(file.fileName()), 1, Integer::sum);
            var language = SourceLanguage.of(file.fileName());
            var mask = SourceMask.of(language, file.text());
            var previousIndent = 0;
            for (var line : mask.lines()) {
                lines++;
                if (line.kind() == SourceMask.LineKind.BLANK) {
                    continue;
                }
                nonBlank++;
                var text = file.text().substring(line.start(), line.end()).stripTrailing();
                characters += text.codePointCount(0, text.length());
                if (line.kind() == SourceMask.LineKind.COMMENT) {
                    commentLines++;
                    continue;
                }
                if (text.startsWith("\t")) {
                    tabbed++;
                    continue;
                }
                var indent = text.length() - text.stripLeading().length();
                if (indent > 0) {
                    spaced++;
                }
                if (indent > previousIndent && indent - previousIndent < steps.length) {
                    steps[indent - previousIndent]++;
                }
                previousIndent = indent;
            }
            for (var name : declaredNames(language, mask.code())) {
                var kind = caseOf(name);
                if (kind != null) {
                    cases[kind.ordinal()]++;
                }
            }
        }
        var languageCounts = new ArrayList<StyleProfile.LanguageCount>();
        languages.forEach((language, count) -> languageCounts.add(new StyleProfile.LanguageCount(language, count)));
        languageCounts.sort(Comparator.comparingInt(StyleProfile.LanguageCount::files).reversed()
                .thenComparing(StyleProfile.LanguageCount::language));

        var style = tabbed > spaced ? IndentStyle.TABS : spaced > 0 ? IndentStyle.SPACES : IndentStyle.NONE;
        var indentation = new StyleProfile.Indentation(style,
                style == IndentStyle.SPACES ? mostCommonStep(steps) : null,
                round(tabbed + spaced == 0 ? 0 : (double) tabbed / (tabbed + spaced)));

        var named = 0;
        for (var count : cases) {
            named += count;
        }
        var naming = new StyleProfile.Naming(named, share(cases[Case.CAMEL.ordinal()], named),
                share(cases[Case.SNAKE.ordinal()], named), share(cases[Case.PASCAL.ordinal()], named),
                share(cases[Case.UPPER.ordinal()], named), share(cases[Case.OTHER.ordinal()], named));
        return new CodeStyle(files.size(), lines, List.copyOf(languageCounts), indentation, naming,
                share(commentLines, nonBlank), round(nonBlank == 0 ? 0 : (double) characters / nonBlank));
    }

    /** The names a file declares, each once, found in its code with comments and strings blanked. */
    private static Set<String> declaredNames(SourceLanguage language, String code) {
        var names = new LinkedHashSet<String>();
        collect(KEYWORD_DECLARATION, code, names);
        switch (language) {
            case GO -> {
                collect(GO_METHOD, code, names);
                collect(GO_SHORT, code, names);
            }
            case PYTHON, RUBY -> {
                collect(ASSIGNMENT, code, names);
                var parameters = PYTHON_PARAMETERS.matcher(code);
                while (parameters.find()) {
                    for (var parameter : parameters.group(1).split(",")) {
                        var matcher = PARAMETER.matcher(parameter);
                        if (matcher.find()) {
                            names.add(matcher.group(1));
                        }
                    }
                }
            }
            default -> {
                if (TYPED_LANGUAGES.contains(language)) {
                    collect(TYPED_DECLARATION, code, names);
                }
            }
        }
        names.removeAll(NOT_NAMES);
        return names;
    }

    private static void collect(Pattern pattern, String code, Set<String> names) {
        var matcher = pattern.matcher(code);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
    }

    /** Null for names that show no convention: one character, or one lower-case word. */
    private static @Nullable Case caseOf(String name) {
        var core = name.replaceAll("^[_$]+|[_$?!=]+$", "");
        if (core.length() < 2) {
            return null;
        }
        var hasLower = !core.equals(core.toUpperCase(Locale.ROOT));
        var hasUpper = !core.equals(core.toLowerCase(Locale.ROOT));
        if (core.contains("_")) {
            return !hasUpper ? Case.SNAKE : !hasLower ? Case.UPPER : Case.OTHER;
        }
        if (!hasLower) {
            return Case.UPPER;
        }
        if (Character.isUpperCase(core.charAt(0))) {
            return Case.PASCAL;
        }
        return hasUpper && Character.isLowerCase(core.charAt(0)) ? Case.CAMEL : hasUpper ? Case.OTHER : null;
    }

    /** The most frequent increase in indentation, the smaller on a tie; null when no line is indented deeper. */
    private static @Nullable Integer mostCommonStep(int[] steps) {
        var best = 0;
        for (var width = 1; width < steps.length; width++) {
            if (steps[width] > steps[best]) {
                best = width;
            }
        }
        return best == 0 ? null : best;
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
