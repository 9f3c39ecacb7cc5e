package dev.atelier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void only_the_tool_commands_bypass_the_web_application() {
        assertThat(Commands.handles(new String[] {"models", "list"})).isTrue();
        assertThat(Commands.handles(new String[] {"verify", "a.txt", "a.manifest.json"})).isTrue();
        assertThat(Commands.handles(new String[] {})).isFalse();
        assertThat(Commands.handles(new String[] {"--server.port=9090"})).isFalse();
    }

    @Test
    void the_data_dir_option_wins_over_the_environment() {
        var code = run(Map.of("ATELIER_DATA_DIR", "/elsewhere"), "models", "list", "--data-dir", dir.toString());

        assertThat(code).isZero();
        assertThat(text(out)).contains("Models directory: " + dir.resolve("models").toAbsolutePath());
    }

    @Test
    void the_data_dir_option_may_be_written_with_an_equals_sign() {
        assertThat(run(Map.of(), "models", "--data-dir=" + dir, "list")).isZero();
        assertThat(text(out)).contains("Models directory: " + dir.resolve("models").toAbsolutePath());
    }

    @Test
    void the_environment_wins_over_the_default() {
        run(Map.of("ATELIER_DATA_DIR", dir.toString()), "models", "list");

        assertThat(text(out)).contains("Models directory: " + dir.resolve("models").toAbsolutePath());
    }

    @Test
    void the_default_is_data_in_the_working_directory() {
        run(Map.of(), "models", "list");

        assertThat(text(out)).contains("Models directory: " + Path.of("data/models").toAbsolutePath());
    }

    @Test
    void a_data_dir_option_without_a_directory_is_a_usage_error() {
        assertThat(run(Map.of(), "models", "list", "--data-dir")).isEqualTo(2);
        assertThat(run(Map.of(), "models", "list", "--data-dir=")).isEqualTo(2);
        assertThat(text(err)).contains("--data-dir needs a directory");
    }

    @Test
    void verify_is_dispatched_with_the_data_dir_and_a_missing_key_is_a_usage_error() {
        assertThat(run(Map.of(), "verify", "a.txt", "a.manifest.json", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(text(err)).contains("Could not read");
    }

    private int run(Map<String, String> environment, String... args) {
        return Commands.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
