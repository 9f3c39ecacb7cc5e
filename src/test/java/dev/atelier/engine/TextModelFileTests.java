package dev.atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the GGUF to serve, and what {@link LlamaCppTextEngine} says and does while there is none. */
class TextModelFileTests {

    @TempDir
    Path data;

    @Test
    void without_a_model_the_engine_is_unavailable_and_says_how_to_install_one() {
        var models = data.resolve("models");
        try (var engine = engine(null, models)) {
            var status = engine.status();

            assertThat(status.available()).isFalse();
            assertThat(status.engine()).isEqualTo("llama-cpp");
            assertThat(status.message()).isEqualTo("No text model is installed. Run `java -jar target/atelier.jar "
                    + "models pull qwen2.5-0.5b-instruct` (it lands in " + models.toAbsolutePath() + "), or set "
                    + "atelier.engine.text.model=/path/to/model.gguf, or point atelier.engine.text.id=openai at an "
                    + "OpenAI-compatible server with atelier.engine.text.openai.base-url and .model.");
            assertThatThrownBy(() -> engine.complete(CompletionRequest.of(List.of(ChatMessage.user("Hi")))))
                    .isInstanceOf(TextEngineUnavailable.class)
                    .hasMessage(status.message());
            assertThat(engine.loaded()).isFalse();
        }
    }

    @Test
    void a_model_pulled_while_the_engine_runs_is_found_without_loading_it() throws IOException {
        var models = Files.createDirectories(data.resolve("models"));
        try (var engine = engine(null, models)) {
            assertThat(engine.status().available()).isFalse();

            Files.copy(TinyGguf.path(), models.resolve("pulled.gguf"));

            var status = engine.status();
            assertThat(status.available()).isTrue();
            assertThat(status.model()).isEqualTo("pulled.gguf");
            assertThat(status.message()).isEqualTo("Loads " + models.resolve("pulled.gguf").toAbsolutePath()
                    + " on the first completion.");
            assertThat(engine.loaded()).isFalse();
        }
    }

    @Test
    void the_newest_gguf_in_the_models_directory_is_chosen_and_other_files_are_ignored() throws IOException {
        var models = Files.createDirectories(data.resolve("models"));
        touch(models.resolve("older.gguf"), Instant.parse("2026-01-01T00:00:00Z"));
        touch(models.resolve("newer.gguf"), Instant.parse("2026-02-01T00:00:00Z"));
        touch(models.resolve("newest.gguf.part"), Instant.parse("2026-03-01T00:00:00Z"));
        Files.createDirectories(models.resolve("a-directory.gguf"));

        assertThat(new TextModelFile(null, models).resolve()).isEqualTo(models.resolve("newer.gguf"));
    }

    @Test
    void a_configured_name_is_looked_up_in_the_models_directory_with_or_without_its_extension() throws IOException {
        var models = Files.createDirectories(data.resolve("models"));
        touch(models.resolve("qwen.gguf"), Instant.now());
        touch(models.resolve("newer-but-not-chosen.gguf"), Instant.now().plusSeconds(60));

        assertThat(new TextModelFile("qwen.gguf", models).resolve()).isEqualTo(models.resolve("qwen.gguf"));
        assertThat(new TextModelFile("qwen", models).resolve()).isEqualTo(models.resolve("qwen.gguf"));
    }

    @Test
    void a_configured_path_is_used_as_it_is() throws IOException {
        var elsewhere = Files.createDirectories(data.resolve("elsewhere"));
        touch(elsewhere.resolve("model.gguf"), Instant.now());

        assertThat(new TextModelFile(elsewhere.resolve("model.gguf").toString(), data.resolve("models")).resolve())
                .isEqualTo(elsewhere.resolve("model.gguf"));
    }

    @Test
    void a_configured_model_that_does_not_exist_is_reported_with_every_place_looked_at() {
        var models = data.resolve("models");

        assertThatThrownBy(() -> new TextModelFile("missing", models).resolve())
                .isInstanceOf(TextEngineUnavailable.class)
                .hasMessageStartingWith("The text model atelier.engine.text.model=missing does not exist: there is "
                        + "no file " + models.resolve("missing") + " or " + models.resolve("missing.gguf") + ".")
                .hasMessageContaining("leave it unset to use the newest .gguf in " + models);
    }

    @Test
    void a_file_llama_cpp_cannot_load_makes_the_engine_unavailable_until_the_file_changes() throws IOException {
        var models = Files.createDirectories(data.resolve("models"));
        var broken = Files.writeString(models.resolve("broken.gguf"), "not a gguf at all");
        try (var engine = engine(null, models)) {
            assertThat(engine.status().available()).as("not tried yet").isTrue();

            assertThatThrownBy(() -> engine.complete(CompletionRequest.of(List.of(ChatMessage.user("Hi")))))
                    .isInstanceOf(TextEngineUnavailable.class)
                    .hasMessageStartingWith("llama.cpp could not load " + broken.toAbsolutePath());

            assertThat(engine.status().available()).isFalse();
            assertThat(engine.status().message()).startsWith("llama.cpp could not load");

            Files.copy(TinyGguf.path(), broken, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(engine.status().available()).as("the file changed").isTrue();
            assertThat(engine.complete(CompletionRequest.of(List.of(ChatMessage.user("Hi"))).withMaxTokens(2))
                    .completionTokens()).isEqualTo(2);
        }
    }

    @Test
    void a_closed_engine_frees_its_model_and_refuses_completions() throws IOException {
        var models = Files.createDirectories(data.resolve("models"));
        Files.copy(TinyGguf.path(), models.resolve("tiny.gguf"));
        var engine = engine(null, models);
        engine.complete(CompletionRequest.of(List.of(ChatMessage.user("Hi"))).withMaxTokens(2));
        assertThat(engine.loaded()).isTrue();

        engine.close();

        assertThat(engine.loaded()).isFalse();
        assertThatThrownBy(() -> engine.complete(CompletionRequest.of(List.of(ChatMessage.user("Hi")))))
                .isInstanceOf(TextEngineUnavailable.class)
                .hasMessage("The text engine has shut down.");
    }

    private static LlamaCppTextEngine engine(String model, Path models) {
        return new LlamaCppTextEngine(model, models, 512, 1, 1, Duration.ofMinutes(1));
    }

    private static void touch(Path file, Instant modified) throws IOException {
        Files.writeString(file, "GGUF");
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
