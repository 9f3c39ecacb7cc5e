package dev.atelier.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileObjectStoreTests extends ObjectStoreContract {

    @TempDir
    Path root;

    private LocalFileObjectStore store;

    @BeforeEach
    void createStore() {
        store = new LocalFileObjectStore(root.resolve("objects"));
    }

    @Override
    ObjectStore store() {
        return store;
    }

    @Test
    void objects_are_files_at_their_key_under_the_root() throws IOException {
        put("creators/a/works/1/original", "content");

        assertThat(root.resolve("objects").resolve(key("creators/a/works/1/original"))).hasContent("content");
    }

    @Test
    void a_reader_keeps_reading_the_version_it_opened_while_a_put_replaces_it() throws IOException {
        put("works/1/original", "old version");

        try (var reader = store.open(key("works/1/original"))) {
            put("works/1/original", "new version");
            assertThat(new String(reader.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("old version");
        }
        assertThat(read("works/1/original")).isEqualTo("new version");
    }

    @Test
    void no_temporary_files_are_left_after_puts_that_succeed_or_fail() throws IOException {
        put("works/1/original", "stored");
        try {
            store.put(key("works/1/original"), new ByteArrayInputStream(new byte[3]), 4, "text/plain");
        } catch (RuntimeException expected) {
            // the short stream is the point
        }

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(root::relativize).map(Path::toString))
                    .containsExactly("objects/" + key("works/1/original"));
        }
    }

    @Test
    void deleting_a_prefix_removes_its_folders_too() {
        put("creators/a/works/1/original", "a1");

        store.deletePrefix(key("creators/a"));

        assertThat(root.resolve("objects").resolve(key("creators/a"))).doesNotExist();
        assertThat(root.resolve("objects").resolve(key("creators"))).isDirectory();
    }

    @Test
    void every_key_resolves_strictly_inside_the_root() {
        for (var key : new String[] {"a", "a/b", "...", "a/..b", "a/b..", "~", "~root/x", "%2e%2e/x", "C:/x"}) {
            var file = store.resolve(key);
            assertThat(file).startsWithRaw(store.root());
            assertThat(file).isNotEqualTo(store.root());
        }
    }
}
