package dev.atelier.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 store against a real S3 server (s3proxy) on localhost, one bucket for the class. The shared server is
 * strict, so the contract's prefix deletes run through the single-delete fallback; one test covers batches.
 */
class S3ObjectStoreTests extends ObjectStoreContract {

    private static LocalS3Server server;
    private static S3ObjectStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalS3Server.start();
        store = S3ObjectStore.connect(server.settings("atelier-objects"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    ObjectStore store() {
        return store;
    }

    @Test
    void connecting_creates_a_missing_bucket_and_accepts_an_existing_one() throws Exception {
        try (var first = S3ObjectStore.connect(server.settings("atelier-new-bucket"))) {
            first.put("works/1/original", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "text/plain");
        }
        try (var again = S3ObjectStore.connect(server.settings("atelier-new-bucket"))) {
            assertThat(again.size("works/1/original")).isEqualTo(3);
        }
    }

    @Test
    void wrong_credentials_stop_the_connection_with_the_bucket_and_endpoint_named() {
        var wrong = new StorageSettings.S3(server.endpoint(), "us-east-1", "atelier-objects",
                LocalS3Server.ACCESS_KEY, "not-the-secret", true);

        assertThatThrownBy(() -> S3ObjectStore.connect(wrong))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("could not reach S3 bucket 'atelier-objects' at " + server.endpoint());
    }

    @Test
    void deleting_a_prefix_removes_more_keys_than_one_batch_delete_takes() throws Exception {
        try (var lenient = LocalS3Server.lenient();
             var batching = S3ObjectStore.connect(lenient.settings("atelier-objects"))) {
            IntStream.range(0, 1_005).parallel().forEach(i ->
                    batching.put(key("creators/a/chunks/" + i), InputStream.nullInputStream(), 0, "text/plain"));
            batching.put(key("creators/b/chunks/0"), InputStream.nullInputStream(), 0, "text/plain");

            batching.deletePrefix(key("creators/a"));

            assertThat(batching.exists(key("creators/a/chunks/0"))).isFalse();
            assertThat(batching.exists(key("creators/a/chunks/1004"))).isFalse();
            assertThat(batching.exists(key("creators/b/chunks/0"))).isTrue();
            assertThat(batching.deletesOneByOne()).isFalse();
        }
    }
}
