package dev.atelier.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStore} promises, run against each store by a subclass. Each test works under its own
 * random prefix, so stores may be shared between tests.
 */
abstract class ObjectStoreContract {

    private final String base = "test-" + UUID.randomUUID();

    abstract ObjectStore store();

    @Test
    void a_multi_megabyte_stream_comes_back_byte_for_byte() throws Exception {
        var length = 12L * 1024 * 1024 + 17;
        store().put(key("works/1/original"), new GeneratedContent(length, 42), length, "application/octet-stream");

        assertThat(store().size(key("works/1/original"))).isEqualTo(length);
        try (var content = store().open(key("works/1/original"))) {
            assertThat(sha256(content)).isEqualTo(sha256(new GeneratedContent(length, 42)));
        }
    }

    @Test
    void a_put_replaces_the_previous_object_whole() throws Exception {
        put("works/1/original", "the first, longer version");
        put("works/1/original", "second");

        assertThat(read("works/1/original")).isEqualTo("second");
        assertThat(store().size(key("works/1/original"))).isEqualTo(6);
    }

    @Test
    void a_file_can_be_stored_from_its_path(@TempDir Path folder) throws Exception {
        var file = Files.writeString(folder.resolve("upload.txt"), "from a file");

        store().put(key("works/1/original"), file, "text/plain");

        assertThat(read("works/1/original")).isEqualTo("from a file");
    }

    @Test
    void empty_objects_exist_and_have_size_zero() throws Exception {
        put("works/1/extracted.txt", "");

        assertThat(store().exists(key("works/1/extracted.txt"))).isTrue();
        assertThat(store().size(key("works/1/extracted.txt"))).isZero();
        assertThat(read("works/1/extracted.txt")).isEmpty();
    }

    @Test
    void a_missing_key_is_reported_as_no_such_object() {
        put("works/1/original", "stored");

        assertThat(store().exists(key("works/2/original"))).isFalse();
        assertThatThrownBy(() -> store().open(key("works/2/original")))
                .isInstanceOf(NoSuchObject.class)
                .hasMessage("no object is stored under '" + key("works/2/original") + "'");
        assertThatThrownBy(() -> store().size(key("works/2/original"))).isInstanceOf(NoSuchObject.class);
        assertThat(store().exists(key("works/1"))).as("a folder of keys is not an object").isFalse();
        assertThatThrownBy(() -> store().open(key("works/1"))).isInstanceOf(NoSuchObject.class);
    }

    @Test
    void deleting_is_idempotent() {
        put("works/1/original", "stored");

        store().delete(key("works/1/original"));
        store().delete(key("works/1/original"));
        store().delete(key("works/never-stored"));

        assertThat(store().exists(key("works/1/original"))).isFalse();
    }

    @Test
    void deleting_a_prefix_removes_only_the_keys_under_it() {
        put("creators/a/works/1/original", "a1");
        put("creators/a/works/2/original", "a2");
        put("creators/a/profile", "a");
        put("creators/ab/works/1/original", "ab1");
        put("creators/b/works/1/original", "b1");

        store().deletePrefix(key("creators/a"));
        store().deletePrefix(key("creators/a/"));
        store().deletePrefix(key("creators/never-stored"));

        assertThat(store().exists(key("creators/a/works/1/original"))).isFalse();
        assertThat(store().exists(key("creators/a/works/2/original"))).isFalse();
        assertThat(store().exists(key("creators/a/profile"))).isFalse();
        assertThat(store().exists(key("creators/ab/works/1/original"))).isTrue();
        assertThat(store().exists(key("creators/b/works/1/original"))).isTrue();
    }

    @Test
    void a_stream_shorter_or_longer_than_declared_stores_nothing_and_keeps_the_previous_object() throws IOException {
        put("works/1/original", "previous");
        var content = "0123456789".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> putDeclaring("works/1/original", content, 11))
                .isInstanceOf(UncheckedIOException.class)
                .cause().hasMessage("content of '%s' ended after 10 of the declared 11 bytes", key("works/1/original"));
        assertThatThrownBy(() -> putDeclaring("works/1/original", content, 9))
                .isInstanceOf(UncheckedIOException.class)
                .cause().hasMessage("content of '%s' is longer than the declared 9 bytes", key("works/1/original"));
        assertThatThrownBy(() -> putDeclaring("works/1/original", content, 0))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> putDeclaring("works/2/original", content, 11))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(read("works/1/original")).isEqualTo("previous");
        assertThat(store().exists(key("works/2/original"))).isFalse();
    }

    @Test
    void keys_that_could_escape_the_store_or_be_read_two_ways_are_refused() {
        var refused = List.of(
                new Refusal("/etc/passwd", "object key '/etc/passwd' is absolute; keys are relative to the store"),
                new Refusal("creators/../../etc/passwd", "object key 'creators/../../etc/passwd' has a '..' segment"),
                new Refusal("..", "object key '..' has a '..' segment"),
                new Refusal("creators/./a", "object key 'creators/./a' has a '.' segment"),
                new Refusal("creators\\a",
                        "object key 'creators\\a' contains a backslash; segments are separated by '/'"),
                new Refusal("creators//a", "object key 'creators//a' has an empty segment"),
                new Refusal("creators/a/", "object key 'creators/a/' has an empty segment"),
                new Refusal("", "object key must not be empty"),
                new Refusal("creators/a\nforged log line", "object key 'creators/a\\u000aforged log line' contains "
                        + "the control character U+000A at index 10"),
                new Refusal("a\u0000", "object key 'a\\u0000' contains the control character U+0000 at index 1"),
                new Refusal("a/" + "x".repeat(256), "has a segment longer than 255 UTF-8 bytes"),
                new Refusal("a/".repeat(513), "is longer than 1024 UTF-8 bytes"));

        for (var refusal : refused) {
            assertThatThrownBy(() -> store().put(refusal.key(), InputStream.nullInputStream(), 0, "text/plain"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(refusal.message());
            assertThatThrownBy(() -> store().open(refusal.key())).hasMessageContaining(refusal.message());
            assertThatThrownBy(() -> store().exists(refusal.key())).hasMessageContaining(refusal.message());
            assertThatThrownBy(() -> store().size(refusal.key())).hasMessageContaining(refusal.message());
            assertThatThrownBy(() -> store().delete(refusal.key())).hasMessageContaining(refusal.message());
        }
        assertThatThrownBy(() -> store().deletePrefix("../creators"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key prefix '../creators' has a '..' segment");
        assertThatThrownBy(() -> store().deletePrefix("/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key prefix must not be empty");
    }

    @Test
    void the_access_log_records_which_keys_were_read_and_on_which_thread() throws Exception {
        var accessLog = new ObjectStoreAccessLog(100, Clock.systemUTC());
        var meters = new SimpleMeterRegistry();
        var recording = new RecordingObjectStore(store(), "test", accessLog, meters);
        put("creators/a/works/1/original", "a1");
        put("creators/a/works/2/original", "a2");
        put("creators/b/works/1/original", "b1");

        var thread = new AtomicReference<String>();
        var training = Thread.ofPlatform().name("training-a").start(() -> {
            thread.set(Thread.currentThread().getName());
            for (var work : List.of("1", "2")) {
                try (var content = recording.open(key("creators/a/works/" + work + "/original"))) {
                    content.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        training.join();
        recording.exists(key("creators/b/works/1/original"));

        assertThat(accessLog.readsUnder(key("creators/a")))
                .extracting(ObjectStoreAccessLog.Access::key, ObjectStoreAccessLog.Access::thread)
                .containsExactly(
                        tuple(key("creators/a/works/1/original"), "training-a"),
                        tuple(key("creators/a/works/2/original"), "training-a"));
        assertThat(accessLog.readsUnder(key("creators/b"))).isEmpty();
        assertThat(meters.get("atelier.storage.reads").counter().count()).isEqualTo(2);
        assertThat(meters.get("atelier.storage.bytes").tag("direction", "read").counter().count()).isEqualTo(4);
    }

    String key(String path) {
        return base + "/" + path;
    }

    void put(String path, String content) {
        var bytes = content.getBytes(StandardCharsets.UTF_8);
        // Not "text/plain; charset=utf-8": s3proxy 2.6's Jetty rewrites it to UTF-8 before checking the signature
        // over it, and refuses the request (fixed after 2.6 by gaul/s3proxy#837).
        store().put(key(path), new ByteArrayInputStream(bytes), bytes.length, "text/plain");
    }

    private void putDeclaring(String path, byte[] content, long length) {
        store().put(key(path), new ByteArrayInputStream(content), length, "text/plain");
    }

    String read(String path) throws IOException {
        try (var content = store().open(key(path))) {
            return new String(content.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String sha256(InputStream content) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256");
        var buffer = new byte[64 * 1024];
        for (var n = content.read(buffer); n != -1; n = content.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private record Refusal(String key, String message) {
    }

    /** Pseudo-random bytes made as they are read, so a large upload never exists in memory as a whole. */
    static final class GeneratedContent extends InputStream {

        private final SplittableRandom random;
        private long remaining;

        GeneratedContent(long length, long seed) {
            this.random = new SplittableRandom(seed);
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (remaining == 0) {
                return -1;
            }
            var n = (int) Math.min(count, remaining);
            for (var i = 0; i < n; i++) {
                buffer[offset + i] = (byte) random.nextInt(256);
            }
            remaining -= n;
            return n;
        }
    }
}
