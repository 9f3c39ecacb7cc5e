package dev.atelier.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Downloads one catalogue model into a directory, resumably. Bytes go to {@code <file>.part}; an existing part is
 * continued with an HTTP {@code Range} request, here after a dropped connection or on the next run. The whole file
 * (earlier part included) must then match the catalogue's SHA-256 before it is moved to {@code <file>}, so a file
 * under its final name is always a complete, verified model. A mismatch deletes the part: resuming it again could
 * never succeed.
 *
 * <p>The move is atomic ({@code ATOMIC_MOVE}, a rename within one directory). Where the file system cannot do that,
 * it falls back to a plain replacing move; the file is still verified, but a crash during that move could leave a
 * truncated file under the final name, which {@code models list} then shows as not installed (wrong size).
 *
 * <p>One download per target at a time: two processes pulling the same model into the same directory would write
 * the same part file.
 */
final class ModelDownloader {

    static final int DEFAULT_ATTEMPTS = 5;
    static final Duration DEFAULT_RETRY_PAUSE = Duration.ofSeconds(2);

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(1);

    private final HttpClient http;
    private final int attempts;
    private final PrintStream log;
    private final Duration retryPause;
    private final boolean terminal;

    /**
     * @param attempts how many requests one download may take when the connection drops part-way
     * @param retryPause the pause before the second request; the n-th waits n-1 times as long
     * @param log where progress and resumptions are reported (standard error for the command line)
     * @param terminal whether {@code log} is a terminal, so progress may redraw one line in place
     */
    ModelDownloader(HttpClient http, int attempts, Duration retryPause, PrintStream log, boolean terminal) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be positive, was " + attempts);
        }
        if (retryPause.isNegative()) {
            throw new IllegalArgumentException("retryPause must not be negative, was " + retryPause);
        }
        this.http = http;
        this.attempts = attempts;
        this.retryPause = retryPause;
        this.log = log;
        this.terminal = terminal;
    }

    static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Downloads {@code model} from {@code from} to {@code directory/fileName}, replacing any file there.
     *
     * @return the installed file
     * @throws ModelDownloadFailed if the server refuses, the connection keeps dropping (the part is kept, so the next
     *                             call resumes) or the file does not match the catalogue (the part is deleted)
     */
    Path download(ModelCatalogue.Entry model, URI from, Path directory) throws IOException {
        Files.createDirectories(directory);
        var target = directory.resolve(model.fileName());
        var part = partOf(target);
        var progress = new DownloadProgress(log, terminal, model.name(), model.sizeBytes());
        IOException interruption = null;
        var fetched = false;
        for (var attempt = 1; attempt <= attempts && !fetched; attempt++) {
            if (attempt > 1) {
                pause(retryPause.multipliedBy(attempt - 1));
            }
            try {
                fetch(model, from, part, progress);
                fetched = true;
            } catch (ModelDownloadFailed e) {
                throw e;
            } catch (IOException e) {
                progress.stopped();
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                interruption = e;
                log.println(model.name() + ": the download stopped at " + sizeOf(part) + " of " + model.sizeBytes()
                        + " bytes (" + reason(e) + ")" + (attempt < attempts ? "; trying again" : ""));
            } finally {
                progress.stopped();
            }
        }
        if (!fetched) {
            var kept = sizeOf(part);
            throw new ModelDownloadFailed("Could not download " + model.name() + " from " + from + " in " + attempts
                    + (attempts == 1 ? " attempt" : " attempts") + " (" + reason(interruption) + ")." + (kept > 0
                    ? " " + kept + " of " + model.sizeBytes() + " bytes are kept in " + part
                            + "; run the same command again to resume."
                    : ""), interruption);
        }
        var actual = sha256(part);
        if (!actual.equals(model.sha256())) {
            var length = sizeOf(part);
            Files.deleteIfExists(part);
            throw new ModelDownloadFailed("The download of " + model.name() + " from " + from
                    + " does not match the catalogue: expected SHA-256 " + model.sha256() + " (" + model.sizeBytes()
                    + " bytes), got " + actual + " (" + length + " bytes). The downloaded file was deleted; nothing "
                    + "was installed.", null);
        }
        moveIntoPlace(part, target);
        return target;
    }

    /** Whether {@code file} is exactly the catalogue's model. Reads the whole file. */
    static boolean matches(ModelCatalogue.Entry model, Path file) throws IOException {
        return Files.size(file) == model.sizeBytes() && sha256(file).equals(model.sha256());
    }

    private void fetch(ModelCatalogue.Entry model, URI from, Path part, DownloadProgress progress)
            throws IOException {
        var have = sizeOf(part);
        if (have > model.sizeBytes()) {
            Files.delete(part);
            have = 0;
        }
        if (have == model.sizeBytes()) {
            return;
        }
        var request = HttpRequest.newBuilder(from).timeout(RESPONSE_TIMEOUT).header("User-Agent", "Atelier").GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        var response = send(request.build());
        try (var body = response.body()) {
            var status = response.statusCode();
            if (status == 416) {
                // Nothing lies beyond what we have: the part is as complete as the server's file; the hash decides.
                return;
            }
            var append = false;
            if (status == 206) {
                var range = response.headers().firstValue("Content-Range").orElse("");
                var matcher = CONTENT_RANGE.matcher(range);
                if (!matcher.matches() || Long.parseLong(matcher.group(1)) != have) {
                    Files.deleteIfExists(part);
                    throw new IOException("the server answered a request for bytes " + have + "- with '" + range
                            + "'; starting again from the beginning");
                }
                append = true;
            } else if (status == 200) {
                if (have > 0) {
                    log.println(model.name() + ": the server does not resume downloads; starting again");
                    have = 0;
                }
            } else {
                throw new ModelDownloadFailed("Could not download " + model.name() + ": " + from + " answered HTTP "
                        + status + ".", null);
            }
            copy(body, part, append, have, progress);
        }
        var length = sizeOf(part);
        if (length < model.sizeBytes()) {
            throw new IOException("the server ended the file after " + length + " bytes");
        }
    }

    private static void copy(InputStream body, Path part, boolean append, long have, DownloadProgress progress)
            throws IOException {
        var mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (var out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            progress.started(have);
            var done = have;
            var buffer = new byte[1 << 16];
            for (int read; (read = body.read(buffer)) != -1; ) {
                var chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                done += read;
                progress.advanced(done);
            }
            // On disk before it can be verified and renamed: a crash must not leave a renamed but unwritten file.
            out.force(true);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + request.uri());
        }
    }

    private static void pause(Duration duration) throws InterruptedIOException {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to try the download again");
        }
    }

    private static String reason(@Nullable IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return e == null ? "no reason given" : e.getClass().getSimpleName();
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long sizeOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (var in = FileChannel.open(file, StandardOpenOption.READ)) {
            var buffer = ByteBuffer.allocateDirect(1 << 20);
            while (in.read(buffer) != -1) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A download that did not install a model, with a message for the person who ran it. */
    static final class ModelDownloadFailed extends IOException {
        ModelDownloadFailed(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
