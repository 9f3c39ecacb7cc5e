package dev.atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TinyGgufTests {

    @Test
    void the_file_is_written_once_with_the_same_bytes_every_time() throws IOException {
        var path = TinyGguf.path();

        assertThat(TinyGguf.path()).isSameAs(path);
        assertThat(Files.readAllBytes(path)).isEqualTo(TinyGguf.bytes(TinyGguf.CHAT_TEMPLATE));
        assertThat(path).endsWith(java.nio.file.Path.of("target", "test-models", "tiny.gguf"));
    }

    @Test
    void it_is_a_gguf_version_3_with_its_chat_template_in_the_metadata() {
        var bytes = TinyGguf.bytes(TinyGguf.CHAT_TEMPLATE);

        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("GGUF");
        assertThat(bytes[4]).isEqualTo((byte) 3);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("tokenizer.chat_template",
                TinyGguf.CHAT_TEMPLATE);
        assertThat(bytes.length % 32).isZero();
        assertThat(bytes.length).isBetween(400_000, 1_000_000);
        assertThat(Arrays.equals(bytes, TinyGguf.bytes(null))).isFalse();
    }
}
