package dev.atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTests {

    private static final byte[] MODEL = ModelDownloaderTests.model();

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void the_built_in_catalogue_pins_both_qwen_models_by_size_and_sha256() {
        var catalogue = ModelCatalogue.builtIn();

        assertThat(catalogue.entries()).extracting(ModelCatalogue.Entry::name)
                .containsExactly("qwen2.5-0.5b-instruct", "qwen2.5-1.5b-instruct");
        var small = catalogue.find("qwen2.5-0.5b-instruct").orElseThrow();
        assertThat(small.downloadUrl()).hasToString("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/"
                + "qwen2.5-0.5b-instruct-q4_k_m.gguf");
        assertThat(small.sizeBytes()).isEqualTo(491_400_032L);
        assertThat(small.sha256()).isEqualTo("74a4da8c9fdbcd15bd1f6d01d621410d31c6fc00986f5eb687824e7b93d7a9db");
        assertThat(catalogue.entries()).allSatisfy(entry -> assertThat(entry.licence()).isEqualTo("Apache-2.0"));
    }

    @Test
    void a_mirror_replaces_the_hugging_face_host_and_keeps_the_path() {
        var entry = ModelCatalogue.builtIn().find("qwen2.5-1.5b-instruct").orElseThrow();

        assertThat(entry.downloadUrl("https://mirror.example/hf/")).hasToString(
                "https://mirror.example/hf/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf");
        assertThat(entry.downloadUrl(null)).isEqualTo(entry.downloadUrl());
        assertThat(entry.downloadUrl(" ")).isEqualTo(entry.downloadUrl());
    }

    @Test
    void a_catalogue_entry_refuses_a_checksum_that_is_not_sha256_hex() {
        assertThatThrownBy(() -> new ModelCatalogue.Entry("x", "x.gguf", URI.create("https://example.test/x.gguf"),
                1, "ABC", "MIT", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 lowercase hex digits");
    }

    @Test
    void list_shows_each_model_with_size_licence_and_whether_it_is_installed() throws Exception {
        Files.createDirectories(dataDir.resolve("models"));
        Files.write(dataDir.resolve("models/qwen2.5-0.5b-instruct-q4_k_m.gguf.part"), new byte[49_140_004]);

        var code = command(ModelCatalogue.builtIn(), null).execute(List.of("list"), dataDir, stream(out), stream(err));

        assertThat(code).isZero();
        var lines = text(out).lines().toList();
        assertThat(lines.get(0)).startsWith("NAME").contains("SIZE", "LICENCE", "INSTALLED");
        assertThat(lines.get(1)).startsWith("qwen2.5-0.5b-instruct").contains("491 MB", "Apache-2.0", "partly (10%)");
        assertThat(lines.get(2)).startsWith("qwen2.5-1.5b-instruct").contains("1.1 GB", "Apache-2.0", " no ");
        assertThat(text(out)).contains("Models directory: " + dataDir.resolve("models").toAbsolutePath());
        assertThat(text(err)).isEmpty();
    }

    @Test
    void an_unknown_model_name_prints_the_known_names_and_usage_and_exits_2() {
        var code = command(ModelCatalogue.builtIn(), null)
                .execute(List.of("pull", "gpt-5"), dataDir, stream(out), stream(err));

        assertThat(code).isEqualTo(2);
        assertThat(text(err)).contains("There is no model called 'gpt-5'")
                .contains("qwen2.5-0.5b-instruct, qwen2.5-1.5b-instruct")
                .contains("Usage:");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void an_unknown_command_prints_usage_and_exits_2() {
        assertThat(command(ModelCatalogue.builtIn(), null).execute(List.of("remove", "x"), dataDir, stream(out),
                stream(err))).isEqualTo(2);
        assertThat(text(err)).contains("Unknown models command: remove x").contains("Usage:");
        assertThat(command(ModelCatalogue.builtIn(), null).execute(List.of(), dataDir, stream(out), stream(err)))
                .isEqualTo(2);
    }

    @Test
    void pull_installs_the_model_then_says_it_is_installed_and_verify_rechecks_it() throws Exception {
        try (var server = new ModelFileServer(MODEL)) {
            var catalogue = new ModelCatalogue(List.of(ModelDownloaderTests.entry(server.url(),
                    ModelDownloaderTests.sha256(MODEL))));
            var command = command(catalogue, null);

            assertThat(command.execute(List.of("pull", "tiny"), dataDir, stream(out), stream(err))).isZero();
            assertThat(dataDir.resolve("models/tiny.gguf")).hasBinaryContent(MODEL);
            assertThat(text(out)).contains("Installed tiny at").contains("SHA-256 verified");

            assertThat(command.execute(List.of("pull", "tiny"), dataDir, stream(out), stream(err))).isZero();
            assertThat(text(out)).contains("tiny is already installed at");
            assertThat(server.ranges()).hasSize(1);

            assertThat(command.execute(List.of("pull", "tiny", "--verify"), dataDir, stream(out), stream(err)))
                    .isZero();
            assertThat(text(out)).contains("matches its SHA-256");
        }
    }

    @Test
    void verify_reports_an_installed_file_that_was_altered() throws Exception {
        var catalogue = new ModelCatalogue(List.of(ModelDownloaderTests.entry(URI.create("http://127.0.0.1:9/x"),
                ModelDownloaderTests.sha256(MODEL))));
        var altered = MODEL.clone();
        altered[123] ^= 1;
        Files.createDirectories(dataDir.resolve("models"));
        Files.write(dataDir.resolve("models/tiny.gguf"), altered);

        var code = command(catalogue, null).execute(List.of("pull", "tiny", "--verify"), dataDir, stream(out),
                stream(err));

        assertThat(code).isEqualTo(1);
        assertThat(text(err)).contains("does not match the SHA-256 of tiny");
    }

    @Test
    void pull_downloads_from_the_mirror_when_one_is_set() throws Exception {
        try (var server = new ModelFileServer(MODEL)) {
            var entry = new ModelCatalogue.Entry("tiny", "tiny.gguf",
                    URI.create(ModelCatalogue.HUGGING_FACE + ModelFileServer.PATH), MODEL.length,
                    ModelDownloaderTests.sha256(MODEL), "Apache-2.0", "test");
            var mirror = server.url().toString().replace(ModelFileServer.PATH, "");

            var code = command(new ModelCatalogue(List.of(entry)), mirror)
                    .execute(List.of("pull", "tiny"), dataDir, stream(out), stream(err));

            assertThat(code).isZero();
            assertThat(text(err)).contains("from " + server.url());
            assertThat(dataDir.resolve("models/tiny.gguf")).hasBinaryContent(MODEL);
        }
    }

    @Test
    void a_failed_pull_exits_1_with_the_reason() throws Exception {
        try (var server = new ModelFileServer(MODEL)) {
            var catalogue = new ModelCatalogue(List.of(ModelDownloaderTests.entry(server.url(), "f".repeat(64))));

            var code = command(catalogue, null).execute(List.of("pull", "tiny"), dataDir, stream(out), stream(err));

            assertThat(code).isEqualTo(1);
            assertThat(text(err)).contains("expected SHA-256 " + "f".repeat(64));
            assertThat(dataDir.resolve("models/tiny.gguf")).doesNotExist();
        }
    }

    private static ModelsCommand command(ModelCatalogue catalogue, @Nullable String mirror) {
        return new ModelsCommand(catalogue, ModelDownloader.httpClient(), 2, Duration.ZERO, false, mirror);
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
