package dev.atelier.portfolio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;
import javax.sound.sampled.UnsupportedAudioFileException;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

/**
 * Decides what an uploaded file really is, refuses what Atelier must not store, and measures what it is.
 *
 * <p>The rules, in order: a sane name with an accepted extension; content (sniffed by Tika from the bytes alone)
 * that is neither an executable nor an archive and matches the extension; no second format hidden in it (a ZIP
 * directory at the end, a PDF header near the start, data after an image's end); no active content (scripts in
 * SVG or PDF, macros in Word); and nothing that expands beyond the limits (pixel counts read from headers before
 * decoding, unpacked sizes read from the ZIP directory, extracted text capped, reading time bounded).
 *
 * <p>Thread-safe: Tika's detector and parser are stateless, and each call works on its own file.
 */
@Component
class WorkInspector implements DisposableBean {

    record Inspection(WorkKind kind, String mediaType, String fileName, String title, @Nullable String text,
                      Map<String, Object> metadata, byte @Nullable [] thumbnailPng) {
    }

    private static final int MAX_SIDE = 30_000;
    private static final int TAIL_WINDOW = 65_557;
    private static final Pattern UNSAFE_NAME_CHARACTERS = Pattern.compile("[^\\p{L}\\p{N} ._()\\-]");
    private static final Pattern SVG_ACTIVE = Pattern.compile(
            "<!doctype|<!entity|<script|javascript:|<foreignobject|\\son[a-z]+\\s*=|<iframe|<embed|<object",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SVG_EXTERNAL_REFERENCE = Pattern.compile(
            "(?:xlink:)?href\\s*=\\s*[\"'](?!#|data:image/)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SVG_SIZE = Pattern.compile(
            "<svg[^>]*?\\swidth\\s*=\\s*[\"']([0-9.]+)(?:px)?[\"'][^>]*?\\sheight\\s*=\\s*[\"']([0-9.]+)(?:px)?[\"']",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SVG_VIEW_BOX = Pattern.compile(
            "viewBox\\s*=\\s*[\"'][-0-9.]+[ ,]+[-0-9.]+[ ,]+([0-9.]+)[ ,]+([0-9.]+)[\"']", Pattern.CASE_INSENSITIVE);
    private static final String[] PDF_ACTIVE = {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/RichMedia"};

    private final PortfolioSettings settings;
    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();
    private final AutoDetectParser parser = new AutoDetectParser();
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    WorkInspector(PortfolioSettings settings) {
        this.settings = settings;
    }

    Inspection inspect(Path file, String originalName) throws IOException {
        var name = sanitise(originalName);
        var dot = name.lastIndexOf('.');
        var extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        var expected = FileTypes.forExtension(extension);
        if (expected == null) {
            throw Rejected.unsupported((extension.isEmpty() ? "Files without an extension" : "." + extension + " files")
                    + " are not accepted. Atelier takes " + FileTypes.acceptedList() + ".");
        }
        if (Files.size(file) == 0) {
            throw Rejected.invalid("Empty file", name + " is empty.");
        }
        if (extension.equals("docx")) {
            refuseZipBombAndMacros(file, name);
        }
        var detected = detect(file);
        if (FileTypes.REFUSED_CONTENT.contains(detected)) {
            throw Rejected.unsupported(name + " is an executable or an archive (" + detected
                    + "); those are never accepted.");
        }
        if (!expected.contentMatches().test(detected)) {
            throw Rejected.invalid("Content does not match the extension", name + " is named like "
                    + expected.described() + ", but its content is " + detected + ".");
        }
        if (!extension.equals("docx")) {
            refuseHiddenFormats(file, name, extension);
        }
        var title = title(name);
        var metadata = new LinkedHashMap<String, Object>();
        return switch (expected.kind()) {
            case TEXT, CODE -> {
                var text = extension.startsWith("htm") ? extract(file, name, metadata) : utf8(file, name);
                metadata.put("characters", text.length());
                metadata.put("lines", text.lines().count());
                yield new Inspection(expected.kind(), detected, name, title, text, metadata, null);
            }
            case DOCUMENT -> {
                if (extension.equals("pdf")) {
                    refusePdfActiveContent(file, name);
                }
                var text = extract(file, name, metadata);
                metadata.put("characters", text.length());
                yield new Inspection(WorkKind.DOCUMENT, detected, name, title, text, metadata, null);
            }
            case IMAGE -> image(file, name, extension, detected, title, metadata);
            case AUDIO -> audio(file, name, extension, detected, title, metadata);
        };
    }

    /** Keeps the last path segment, composed Unicode, letters, digits and a few separators; at most 120 chars. */
    static String sanitise(String originalName) {
        var base = originalName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = Normalizer.normalize(base, Normalizer.Form.NFC);
        base = UNSAFE_NAME_CHARACTERS.matcher(base).replaceAll("_").replaceAll("\\.{2,}", ".").strip();
        while (base.startsWith(".")) {
            base = base.substring(1);
        }
        if (base.length() > 120) {
            var dot = base.lastIndexOf('.');
            var extension = dot > 0 && base.length() - dot <= 10 ? base.substring(dot) : "";
            base = base.substring(0, 120 - extension.length()) + extension;
        }
        if (base.isBlank() || base.startsWith("_.") && base.length() < 3) {
            throw Rejected.invalid("Invalid file name", "The file name '" + originalName + "' cannot be used.");
        }
        return base;
    }

    private String detect(Path file) throws IOException {
        try (var stream = TikaInputStream.get(file)) {
            return detector.detect(stream, new Metadata()).getBaseType().toString();
        }
    }

    private static String title(String name) {
        var dot = name.lastIndexOf('.');
        var stem = (dot > 0 ? name.substring(0, dot) : name).replace('_', ' ').replace('-', ' ').strip();
        return stem.isEmpty() ? name : stem;
    }

    private String utf8(Path file, String name) throws IOException {
        var bytes = Files.readAllBytes(file);
        for (var b : bytes) {
            if (b == 0) {
                throw Rejected.invalid("Binary content", name + " contains binary data, not text.");
            }
        }
        try {
            var text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.length() > settings.maxTextCharacters() ? text.substring(0, settings.maxTextCharacters())
                    : text;
        } catch (CharacterCodingException e) {
            throw Rejected.invalid("Not UTF-8 text", name + " is not valid UTF-8 text.");
        }
    }

    /** Extracted text, cut at the configured length; reading is bounded in time. */
    private String extract(Path file, String name, Map<String, Object> metadata) {
        var tikaMetadata = new Metadata();
        var handler = new BodyContentHandler(settings.maxTextCharacters());
        bounded(name, () -> {
            try (var stream = TikaInputStream.get(file)) {
                parser.parse(stream, handler, tikaMetadata, new ParseContext());
            } catch (SAXException e) {
                if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                    throw Rejected.invalid("Unreadable file", name + " could not be read: " + e.getMessage());
                }
                metadata.put("textCut", true);
            } catch (TikaException e) {
                throw Rejected.invalid("Unreadable file", name + " could not be read: " + rootMessage(e));
            }
            return null;
        });
        var pages = tikaMetadata.get("xmpTPg:NPages");
        if (pages != null) {
            metadata.put("pages", Integer.parseInt(pages));
        }
        var duration = tikaMetadata.get("xmpDM:duration");
        if (duration != null) {
            metadata.put("durationSeconds", ImageFacts.round(Double.parseDouble(duration)
                    / (Double.parseDouble(duration) > 10_000 ? 1000 : 1)));
        }
        return handler.toString().strip();
    }

    private Inspection image(Path file, String name, String extension, String detected, String title,
                             Map<String, Object> metadata) throws IOException {
        if (extension.equals("svg")) {
            var svg = utf8(file, name);
            if (SVG_ACTIVE.matcher(svg).find() || SVG_EXTERNAL_REFERENCE.matcher(svg).find()) {
                throw Rejected.invalid("Active content", name + " contains scripts, entities or external "
                        + "references; upload a plain SVG drawing.");
            }
            var size = SVG_SIZE.matcher(svg);
            var box = SVG_VIEW_BOX.matcher(svg);
            if (size.find()) {
                dimensions(name, metadata, Double.parseDouble(size.group(1)), Double.parseDouble(size.group(2)));
            } else if (box.find()) {
                dimensions(name, metadata, Double.parseDouble(box.group(1)), Double.parseDouble(box.group(2)));
            }
            return new Inspection(WorkKind.IMAGE, detected, name, title, null, metadata, null);
        }
        if (extension.equals("webp")) {
            var size = webpSize(file, name);
            dimensions(name, metadata, size[0], size[1]);
            return new Inspection(WorkKind.IMAGE, detected, name, title, null, metadata, null);
        }
        if (extension.equals("png")) {
            refuseDataAfterPngEnd(file, name);
        }
        try (var input = ImageIO.createImageInputStream(file.toFile())) {
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw Rejected.invalid("Unreadable image", name + " could not be read as an image.");
            }
            var reader = readers.next();
            try {
                reader.setInput(input, true, true);
                dimensions(name, metadata, reader.getWidth(0), reader.getHeight(0));
                var image = bounded(name, () -> reader.read(0));
                metadata.putAll(ImageFacts.measure(image));
                return new Inspection(WorkKind.IMAGE, detected, name, title, null, metadata,
                        ImageFacts.thumbnail(image));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw Rejected.invalid("Unreadable image", name + " could not be read as an image: " + e.getMessage());
        }
    }

    private void dimensions(String name, Map<String, Object> metadata, double width, double height) {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE
                || width * height > settings.maxImagePixels()) {
            throw Rejected.invalid("Image too large", name + " is " + (long) width + "×" + (long) height
                    + " pixels; the limit is " + settings.maxImagePixels() / 1_000_000 + " megapixels and "
                    + MAX_SIDE + " pixels a side.");
        }
        metadata.put("width", (int) Math.round(width));
        metadata.put("height", (int) Math.round(height));
    }

    private Inspection audio(Path file, String name, String extension, String detected, String title,
                             Map<String, Object> metadata) {
        if (extension.equals("wav")) {
            try {
                metadata.putAll(bounded(name, () -> AudioFacts.measureWav(file)));
            } catch (Rejected e) {
                throw e;
            } catch (RuntimeException e) {
                throw Rejected.invalid("Unreadable audio", name + " could not be read as WAV audio.");
            }
        } else {
            extract(file, name, metadata);
        }
        return new Inspection(WorkKind.AUDIO, detected, name, title, null, metadata, null);
    }

    /** A ZIP directory at the end or a PDF header at the start means a second format rides in this file. */
    private static void refuseHiddenFormats(Path file, String name, String extension) throws IOException {
        try (var channel = FileChannel.open(file)) {
            var size = channel.size();
            var tail = read(channel, Math.max(0, size - TAIL_WINDOW), (int) Math.min(size, TAIL_WINDOW));
            if (indexOf(tail, new byte[] {'P', 'K', 5, 6}) >= 0) {
                throw Rejected.invalid("Hidden archive", name + " carries a ZIP archive inside it.");
            }
            if (!extension.equals("pdf")) {
                var head = read(channel, 0, (int) Math.min(size, 1024));
                if (indexOf(head, "%PDF-".getBytes(StandardCharsets.US_ASCII)) >= 0) {
                    throw Rejected.invalid("Hidden document", name + " is also a PDF document.");
                }
            }
            if (extension.equals("jpg") || extension.equals("jpeg")) {
                var end = lastIndexOf(tail, new byte[] {(byte) 0xFF, (byte) 0xD9});
                if (end < 0 || tail.length - (end + 2) > 32) {
                    throw Rejected.invalid("Data after the image", name + " has data after the end of the image.");
                }
            }
        }
    }

    private static void refuseDataAfterPngEnd(Path file, String name) throws IOException {
        try (var channel = FileChannel.open(file)) {
            long position = 8;
            while (position + 8 <= channel.size()) {
                var header = ByteBuffer.wrap(read(channel, position, 8));
                var length = Integer.toUnsignedLong(header.getInt());
                var type = new String(header.array(), 4, 4, StandardCharsets.US_ASCII);
                position += 12 + length;
                if (type.equals("IEND")) {
                    if (position != channel.size()) {
                        throw Rejected.invalid("Data after the image", name + " has data after the end of the image.");
                    }
                    return;
                }
            }
            throw Rejected.invalid("Unreadable image", name + " is a truncated PNG.");
        }
    }

    private void refuseZipBombAndMacros(Path file, String name) throws IOException {
        try (var zip = new ZipFile(file.toFile())) {
            long unpacked = 0;
            var entries = 0;
            for (var it = zip.entries(); it.hasMoreElements(); ) {
                var entry = it.nextElement();
                if (++entries > 10_000) {
                    throw Rejected.invalid("Too many parts", name + " has more than 10,000 parts.");
                }
                if (entry.getName().toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")) {
                    throw Rejected.invalid("Active content", name + " contains macros.");
                }
                var size = entry.getSize();
                var compressed = entry.getCompressedSize();
                if (size < 0 || (compressed > 0 && size > 1_000_000 && size / compressed > 100)) {
                    throw Rejected.invalid("Decompression bomb", name + " expands far beyond its size.");
                }
                unpacked += size;
            }
            if (unpacked > settings.maxUnpackedSize().toBytes()) {
                throw Rejected.invalid("Decompression bomb", name + " would unpack to " + unpacked / 1_000_000
                        + " MB; the limit is " + settings.maxUnpackedSize().toMegabytes() + " MB.");
            }
        } catch (java.util.zip.ZipException e) {
            throw Rejected.invalid("Unreadable file", name + " is not a valid Word document.");
        }
    }

    /** Files are bounded by the upload size limit, so the PDF is scanned whole. */
    private static void refusePdfActiveContent(Path file, String name) throws IOException {
        var text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (var marker : PDF_ACTIVE) {
            for (var at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
                var end = at + marker.length();
                if (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))) {
                    throw Rejected.invalid("Active content", name + " contains scripts, launch actions or "
                            + "embedded files.");
                }
            }
        }
    }

    /** Width and height from a WebP header, without decoding: VP8X, lossy VP8 or lossless VP8L. */
    private static int[] webpSize(Path file, String name) throws IOException {
        try (var channel = FileChannel.open(file)) {
            var header = ByteBuffer.wrap(read(channel, 0, (int) Math.min(channel.size(), 30)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            if (header.capacity() < 30) {
                throw Rejected.invalid("Unreadable image", name + " is a truncated WebP image.");
            }
            var chunk = new String(header.array(), 12, 4, StandardCharsets.US_ASCII);
            return switch (chunk) {
                case "VP8X" -> new int[] {1 + uint24(header, 24), 1 + uint24(header, 27)};
                case "VP8 " -> new int[] {header.getShort(26) & 0x3fff, header.getShort(28) & 0x3fff};
                case "VP8L" -> {
                    var bits = header.getInt(21);
                    yield new int[] {1 + (bits & 0x3fff), 1 + ((bits >>> 14) & 0x3fff)};
                }
                default -> throw Rejected.invalid("Unreadable image", name + " is not a WebP image we can read.");
            };
        }
    }

    private <T> T bounded(String name, Callable<T> work) {
        var future = readers.submit(work);
        try {
            return future.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw Rejected.invalid("Took too long to read", name + " could not be read within "
                    + settings.readTimeout().toSeconds() + " seconds.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Rejected rejected) {
                throw rejected;
            }
            if (e.getCause() instanceof UnsupportedAudioFileException || e.getCause() instanceof IOException) {
                throw Rejected.invalid("Unreadable file", name + " could not be read: " + e.getCause().getMessage());
            }
            throw new IllegalStateException("reading " + name + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + name, e);
        }
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        var buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // reads until full or end of file
        }
        return buffer.array();
    }

    private static int uint24(ByteBuffer buffer, int at) {
        return (buffer.get(at) & 0xff) | (buffer.get(at + 1) & 0xff) << 8 | (buffer.get(at + 2) & 0xff) << 16;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (var i = 0; i <= haystack.length - needle.length; i++) {
            for (var j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (var i = haystack.length - needle.length; i >= 0; i--) {
            for (var j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String rootMessage(Throwable e) {
        var root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }
}
