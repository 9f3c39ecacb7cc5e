package dev.atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDownloaderTests {

    private static final byte[] MODEL = model();

    @TempDir
    Path models;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void a_dropped_connection_is_resumed_with_a_range_request_and_the_file_equals_the_source() throws Exception {
        try (var server = new ModelFileServer(MODEL).droppingFirstResponseAfter(100_000)) {
            var installed = downloader(3).download(entry(server.url(), sha256(MODEL)), server.url(), models);

            // How much of the dropped response arrives depends on the socket; the resumption must start right there.
            var stoppedAt = Pattern.compile("stopped at (\\d+) of").matcher(log());
            assertThat(stoppedAt.find()).isTrue();
            var received = Long.parseLong(stoppedAt.group(1));
            assertThat(received).isPositive().isLessThanOrEqualTo(100_000);
            assertThat(server.ranges()).containsExactly("", "bytes=" + received + "-");
            assertThat(Files.readAllBytes(installed)).isEqualTo(MODEL);
            assertThat(installed).isEqualTo(models.resolve("tiny.gguf"));
            assertThat(models.resolve("tiny.gguf.part")).doesNotExist();
            assertThat(log()).contains("trying again");
        }
    }

    @Test
    void a_download_that_gives_up_keeps_its_part_and_the_next_run_resumes_it() throws Exception {
        try (var server = new ModelFileServer(MODEL).droppingFirstResponseAfter(65_536)) {
            var model = entry(server.url(), sha256(MODEL));

            assertThatThrownBy(() -> downloader(1).download(model, server.url(), models))
                    .isInstanceOf(ModelDownloader.ModelDownloadFailed.class)
                    .hasMessageContaining("of " + MODEL.length + " bytes are kept")
                    .hasMessageContaining("run the same command again to resume");
            var kept = Files.size(models.resolve("tiny.gguf.part"));
            assertThat(kept).isPositive().isLessThanOrEqualTo(65_536);
            assertThat(models.resolve("tiny.gguf")).doesNotExist();

            var installed = downloader(1).download(model, server.url(), models);

            assertThat(server.ranges()).containsExactly("", "bytes=" + kept + "-");
            assertThat(Files.readAllBytes(installed)).isEqualTo(MODEL);
            assertThat(models.resolve("tiny.gguf.part")).doesNotExist();
        }
    }

    @Test
    void a_checksum_mismatch_installs_nothing_deletes_the_part_and_names_both_hashes() throws Exception {
        var wrong = "0".repeat(64);
        try (var server = new ModelFileServer(MODEL)) {
            assertThatThrownBy(() -> downloader(3).download(entry(server.url(), wrong), server.url(), models))
                    .isInstanceOf(ModelDownloader.ModelDownloadFailed.class)
                    .hasMessageContaining("expected SHA-256 " + wrong)
                    .hasMessageContaining("got " + sha256(MODEL))
                    .hasMessageContaining("nothing was installed");
        }
        assertThat(models.resolve("tiny.gguf")).doesNotExist();
        assertThat(models.resolve("tiny.gguf.part")).doesNotExist();
    }

    @Test
    void a_resumed_part_that_was_corrupted_fails_the_checksum_of_the_whole_file() throws Exception {
        var corrupted = Arrays.copyOf(MODEL, 50_000);
        corrupted[10] ^= 1;
        Files.write(models.resolve("tiny.gguf.part"), corrupted);
        try (var server = new ModelFileServer(MODEL)) {
            assertThatThrownBy(() -> downloader(3).download(entry(server.url(), sha256(MODEL)), server.url(), models))
                    .isInstanceOf(ModelDownloader.ModelDownloadFailed.class)
                    .hasMessageContaining("expected SHA-256 " + sha256(MODEL));

            assertThat(server.ranges()).containsExactly("bytes=50000-");
        }
        assertThat(models.resolve("tiny.gguf")).doesNotExist();
        assertThat(models.resolve("tiny.gguf.part")).doesNotExist();
    }

    @Test
    void a_server_that_ignores_the_range_restarts_the_file_from_the_first_byte() throws Exception {
        var stale = new byte[70_000];
        Arrays.fill(stale, (byte) 7);
        Files.write(models.resolve("tiny.gguf.part"), stale);
        try (var server = new ModelFileServer(MODEL).ignoringRanges()) {
            var installed = downloader(3).download(entry(server.url(), sha256(MODEL)), server.url(), models);

            assertThat(server.ranges()).containsExactly("bytes=70000-");
            assertThat(Files.readAllBytes(installed)).isEqualTo(MODEL);
            assertThat(models.resolve("tiny.gguf.part")).doesNotExist();
            assertThat(log()).contains("does not resume downloads; starting again");
        }
    }

    @Test
    void a_part_the_server_has_nothing_beyond_is_verified_and_installed() throws Exception {
        Files.write(models.resolve("tiny.gguf.part"), MODEL);
        try (var server = new ModelFileServer(MODEL)) {
            // The catalogue claims one byte more, so a range request is made; the server answers 416.
            var claimsMore = new ModelCatalogue.Entry("tiny", "tiny.gguf", server.url(), MODEL.length + 1,
                    sha256(MODEL), "Apache-2.0", "test");

            var installed = downloader(3).download(claimsMore, server.url(), models);

            assertThat(server.ranges()).containsExactly("bytes=" + MODEL.length + "-");
            assertThat(Files.readAllBytes(installed)).isEqualTo(MODEL);
        }
    }

    @Test
    void an_http_error_is_reported_with_its_status_and_keeps_nothing() throws Exception {
        try (var server = new ModelFileServer(MODEL)) {
            var missing = server.url().resolve("/nothing-here.gguf");
            assertThatThrownBy(() -> downloader(3).download(entry(missing, sha256(MODEL)), missing, models))
                    .isInstanceOf(ModelDownloader.ModelDownloadFailed.class)
                    .hasMessageContaining("answered HTTP 404");
        }
        assertThat(models.resolve("tiny.gguf")).doesNotExist();
    }

    @Test
    void without_a_terminal_progress_is_one_line_per_ten_percent() throws Exception {
        try (var server = new ModelFileServer(MODEL)) {
            downloader(1).download(entry(server.url(), sha256(MODEL)), server.url(), models);
        }
        var lines = log().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("tiny: downloading 0.3 MB");
        assertThat(lines).filteredOn(line -> line.contains("MB/s")).hasSizeBetween(1, 10);
        assertThat(lines.getLast()).startsWith("tiny: 100% [########################] 0.3/0.3 MB");
    }

    private ModelDownloader downloader(int attempts) {
        return new ModelDownloader(ModelDownloader.httpClient(), attempts, Duration.ZERO,
                new PrintStream(log, true, StandardCharsets.UTF_8), false);
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    static ModelCatalogue.Entry entry(URI url, String sha256) {
        return new ModelCatalogue.Entry("tiny", "tiny.gguf", url, MODEL.length, sha256, "Apache-2.0", "a test file");
    }

    static byte[] model() {
        var bytes = new byte[300_000];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
