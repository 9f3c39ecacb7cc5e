package dev.atelier.portfolio;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Which file extensions Atelier accepts, the kind each is, and which content types Tika may find inside a file with
 * that extension. A file whose content does not match its extension is refused: that is how a renamed executable,
 * archive or image-that-is-something-else is caught.
 */
final class FileTypes {

    record Expectation(WorkKind kind, Predicate<String> contentMatches, String described) {
    }

    /** Content Atelier refuses whatever the file is called. */
    static final Set<String> REFUSED_CONTENT = Set.of(
            "application/x-msdownload", "application/x-dosexec", "application/x-executable",
            "application/x-elf", "application/x-mach-o-executable", "application/x-sharedlib",
            "application/java-archive", "application/java-vm", "application/x-java-applet",
            "application/zip", "application/gzip", "application/x-gzip", "application/x-tar", "application/x-gtar",
            "application/x-7z-compressed", "application/x-rar-compressed", "application/vnd.rar",
            "application/x-bzip2", "application/x-xz", "application/zstd", "application/x-compress",
            "application/vnd.android.package-archive", "application/x-iso9660-image",
            "application/vnd.ms-cab-compressed", "application/x-msi", "application/x-ms-installer",
            "application/vnd.microsoft.portable-executable", "application/x-apple-diskimage",
            "application/vnd.ms-word.document.macroenabled.12");

    private static final Set<String> CODE_EXTENSIONS = Set.of(
            "java", "kt", "kts", "scala", "groovy", "py", "rb", "php", "js", "mjs", "cjs", "ts", "tsx", "jsx", "go",
            "rs", "c", "h", "cc", "cpp", "hpp", "cs", "swift", "m", "sql", "sh", "bash", "zsh", "css", "scss", "lua",
            "r", "jl", "dart", "ex", "exs", "erl", "hs", "ml", "clj", "json", "yaml", "yml", "toml", "xml", "vue",
            "svelte");

    private static final Set<String> TEXTUAL_APPLICATION_TYPES = Set.of(
            "application/json", "application/javascript", "application/xml", "application/x-sh",
            "application/x-httpd-php", "application/sql", "application/x-yaml", "application/toml",
            "application/x-sql", "application/ecmascript", "application/x-javascript");

    private static final Map<String, Expectation> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", new Expectation(WorkKind.TEXT, type -> type.equals("text/plain"), "plain text")),
            Map.entry("md", new Expectation(WorkKind.TEXT, FileTypes::plainOrMarkdown, "Markdown")),
            Map.entry("markdown", new Expectation(WorkKind.TEXT, FileTypes::plainOrMarkdown, "Markdown")),
            Map.entry("html", new Expectation(WorkKind.TEXT, FileTypes::html, "HTML")),
            Map.entry("htm", new Expectation(WorkKind.TEXT, FileTypes::html, "HTML")),
            Map.entry("pdf", new Expectation(WorkKind.DOCUMENT, "application/pdf"::equals, "a PDF document")),
            Map.entry("docx", new Expectation(WorkKind.DOCUMENT,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"::equals,
                    "a Word document")),
            Map.entry("png", new Expectation(WorkKind.IMAGE, "image/png"::equals, "a PNG image")),
            Map.entry("jpg", new Expectation(WorkKind.IMAGE, "image/jpeg"::equals, "a JPEG image")),
            Map.entry("jpeg", new Expectation(WorkKind.IMAGE, "image/jpeg"::equals, "a JPEG image")),
            Map.entry("webp", new Expectation(WorkKind.IMAGE, "image/webp"::equals, "a WebP image")),
            Map.entry("svg", new Expectation(WorkKind.IMAGE, "image/svg+xml"::equals, "an SVG image")),
            Map.entry("wav", new Expectation(WorkKind.AUDIO,
                    Set.of("audio/vnd.wave", "audio/x-wav", "audio/wav")::contains, "WAV audio")),
            Map.entry("mp3", new Expectation(WorkKind.AUDIO, "audio/mpeg"::equals, "MP3 audio")),
            Map.entry("ogg", new Expectation(WorkKind.AUDIO,
                    Set.of("audio/ogg", "audio/vorbis", "audio/opus", "application/ogg")::contains, "Ogg audio")));

    private FileTypes() {
    }

    static @Nullable Expectation forExtension(String extension) {
        var lower = extension.toLowerCase(Locale.ROOT);
        if (CODE_EXTENSIONS.contains(lower)) {
            return new Expectation(WorkKind.CODE, FileTypes::textual, "source code (text)");
        }
        return BY_EXTENSION.get(lower);
    }

    static String acceptedList() {
        return "text (.txt, .md, .html), documents (.pdf, .docx), code (.java, .py, .js, .ts, .go, .rs, …), "
                + "images (.png, .jpg, .webp, .svg) and audio (.wav, .mp3, .ogg)";
    }

    private static boolean plainOrMarkdown(String type) {
        return type.equals("text/plain") || type.equals("text/x-web-markdown") || type.equals("text/markdown");
    }

    private static boolean html(String type) {
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }

    private static boolean textual(String type) {
        return type.startsWith("text/") || TEXTUAL_APPLICATION_TYPES.contains(type);
    }
}
