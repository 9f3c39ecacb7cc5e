package dev.atelier.index;

import static dev.atelier.index.CreatorIndexTests.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.atelier.identity.CreatorId;

class CreatorIndexesTests {

    private static final CreatorId ALICE = CreatorId.parse("00000000-0000-0000-0000-00000000000a");
    private static final CreatorId BOB = CreatorId.parse("00000000-0000-0000-0000-00000000000b");

    @TempDir
    Path root;

    @Test
    void a_creator_never_finds_another_creators_chunks() {
        try (var indexes = new CreatorIndexes(root, 8)) {
            indexes.open(ALICE, "portfolio")
                    .add(chunk("alice-1", "alice-item", "v1", "a sonnet about the sea", Vectors.withSimilarity(0.5)));
            indexes.open(BOB, "portfolio")
                    .add(chunk("bob-1", "bob-item", "v1", "a sonnet about the sea", Vectors.query()));

            var alice = indexes.open(ALICE, "portfolio");

            assertThat(alice.textSearch("sonnet sea", 10)).extracting(Hit::chunkId).containsExactly("alice-1");
            assertThat(alice.vectorSearch(Vectors.query(), 10)).extracting(Hit::chunkId).containsExactly("alice-1");
            assertThat(alice.hybridSearch("sea", Vectors.query(), 10)).extracting(Hit::chunkId)
                    .containsExactly("alice-1");
            assertThat(alice.search(IndexQuery.text("sea", 10).where(IndexedChunk.ITEM_ID, "bob-item"))).isEmpty();
            assertThat(alice.search(IndexQuery.vector(Vectors.query(), 10).where(IndexedChunk.CHUNK_ID, "bob-1")))
                    .isEmpty();
        }
    }

    @Test
    void working_with_one_creators_index_never_opens_another_creators_directory() {
        try (var indexes = new CreatorIndexes(root, 8)) {
            indexes.open(ALICE, "portfolio").add(chunk("alice-1", "item", "v1", "alice's text", Vectors.query()));
            indexes.open(BOB, "portfolio").add(chunk("bob-1", "item", "v1", "bob's text", Vectors.query()));
        }
        var opened = Collections.synchronizedList(new ArrayList<Path>());

        try (var indexes = new CreatorIndexes(root, 8, opened::add)) {
            var alice = indexes.open(ALICE, "portfolio");
            alice.hybridSearch("text", Vectors.query(), 10);
            alice.add(chunk("alice-2", "item", "v1", "more of alice's text", Vectors.query()));
            alice.deleteByItem("item");

            assertThat(opened).containsExactly(root.resolve(ALICE.toString()).resolve("portfolio"));
            assertThat(indexes.isOpen(BOB, "portfolio")).isFalse();
        }
    }

    @Test
    void indexes_live_in_root_creator_namespace() throws IOException {
        try (var indexes = new CreatorIndexes(root, 8)) {
            indexes.open(ALICE, "assistant").add(chunk("c", "item", "v1", "hello", Vectors.query()));
        }

        try (var files = Files.list(root.resolve(ALICE.toString()).resolve("assistant"))) {
            assertThat(files.map(file -> file.getFileName().toString())).anyMatch(name -> name.startsWith("segments_"));
        }
        try (var creators = Files.list(root)) {
            assertThat(creators).containsExactly(root.resolve(ALICE.toString()));
        }
    }

    @Test
    void namespaces_must_be_short_lowercase_words() throws IOException {
        try (var indexes = new CreatorIndexes(root, 8)) {
            for (var invalid : List.of("", "Portfolio", "..", "../bob", "a/b", "port folio", "x".repeat(41))) {
                assertThatThrownBy(() -> indexes.open(ALICE, invalid)).as(invalid)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("an index namespace is 1 to 40 of a-z, 0-9 and '-'");
                assertThatThrownBy(() -> indexes.deleteAll(ALICE, invalid)).as(invalid)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThatCode(() -> indexes.open(ALICE, "style-2")).doesNotThrowAnyException();
            assertThatCode(() -> indexes.open(ALICE, "x".repeat(40))).doesNotThrowAnyException();
        }
        try (var entries = Files.walk(root)) {
            assertThat(entries).noneMatch(path -> path.getFileName().toString().equals("bob"));
        }
    }

    @Test
    void the_least_recently_used_index_is_closed_and_reopens_with_its_data() throws IOException {
        try (var indexes = new CreatorIndexes(root, 1)) {
            var alice = indexes.open(ALICE, "portfolio");
            alice.add(chunk("alice-1", "item", "v1", "alice's text", Vectors.query()));

            var bob = indexes.open(BOB, "portfolio");
            bob.add(chunk("bob-1", "item", "v1", "bob's text", Vectors.query()));

            assertThat(indexes.isOpen(ALICE, "portfolio")).isFalse();
            assertThat(indexes.isOpen(BOB, "portfolio")).isTrue();
            assertThat(writeLockIsFree(root.resolve(ALICE.toString()).resolve("portfolio"))).isTrue();

            assertThat(alice.textSearch("text", 10)).extracting(Hit::chunkId).containsExactly("alice-1");
            assertThat(indexes.isOpen(ALICE, "portfolio")).isTrue();
            assertThat(indexes.isOpen(BOB, "portfolio")).isFalse();
            assertThat(bob.chunkIds()).containsExactly("bob-1");
        }
    }

    @Test
    void indexes_survive_a_restart() {
        try (var indexes = new CreatorIndexes(root, 8)) {
            indexes.open(ALICE, "portfolio").add(List.of(chunk("c1", "item", "v1", "first text", Vectors.query()),
                    chunk("c2", "item", "v1", "second text", Vectors.axis(1))));
        }

        try (var restarted = new CreatorIndexes(root, 8)) {
            var alice = restarted.open(ALICE, "portfolio");

            assertThat(alice.count()).isEqualTo(2);
            assertThat(alice.vectorSearch(Vectors.query(), 1)).extracting(Hit::chunkId).containsExactly("c1");
        }
    }

    @Test
    void deleting_all_removes_the_directory_and_leaves_other_namespaces_alone() {
        try (var indexes = new CreatorIndexes(root, 8)) {
            var portfolio = indexes.open(ALICE, "portfolio");
            portfolio.add(chunk("c1", "item", "v1", "text", Vectors.query()));
            indexes.open(ALICE, "assistant").add(chunk("a1", "item", "v1", "answer", Vectors.query()));

            indexes.deleteAll(ALICE, "portfolio");

            assertThat(root.resolve(ALICE.toString()).resolve("portfolio")).doesNotExist();
            assertThat(indexes.isOpen(ALICE, "portfolio")).isFalse();
            assertThat(indexes.open(ALICE, "assistant").count()).isEqualTo(1);
            assertThat(portfolio.count()).isZero();
        }
    }

    @Test
    void an_index_directory_put_under_another_creator_is_refused() throws IOException {
        try (var indexes = new CreatorIndexes(root, 8)) {
            indexes.open(ALICE, "portfolio").add(chunk("alice-1", "item", "v1", "alice's text", Vectors.query()));
        }
        var bobs = Files.createDirectories(root.resolve(BOB.toString()).resolve("portfolio"));
        try (var files = Files.list(root.resolve(ALICE.toString()).resolve("portfolio"))) {
            for (var file : files.toList()) {
                Files.copy(file, bobs.resolve(file.getFileName()));
            }
        }

        try (var indexes = new CreatorIndexes(root, 8)) {
            assertThatThrownBy(() -> indexes.open(BOB, "portfolio"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to creator " + ALICE)
                    .hasMessageContaining("not to " + BOB);
        }
    }

    @Test
    void a_closed_cache_opens_nothing() {
        var indexes = new CreatorIndexes(root, 8);
        var alice = indexes.open(ALICE, "portfolio");
        indexes.close();

        assertThatThrownBy(alice::count).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void many_threads_reading_and_writing_more_indexes_than_the_cache_holds_lose_nothing() throws Exception {
        var creators = IntStream.range(0, 6).mapToObj(i -> new CreatorId(UUID.randomUUID())).toList();
        var written = new ConcurrentHashMap<CreatorId, List<String>>();
        try (var indexes = new CreatorIndexes(root, 2); var pool = Executors.newFixedThreadPool(8)) {
            var tasks = new ArrayList<Future<?>>();
            for (var task = 0; task < 8; task++) {
                var worker = task;
                tasks.add(pool.submit(() -> {
                    for (var i = 0; i < 20; i++) {
                        var creator = creators.get(ThreadLocalRandom.current().nextInt(creators.size()));
                        var index = indexes.open(creator, "portfolio");
                        var id = "w" + worker + "-" + i;
                        index.add(chunk(id, "item", "v1", "text number " + i, Vectors.query()));
                        written.computeIfAbsent(creator, c -> Collections.synchronizedList(new ArrayList<>())).add(id);
                        assertThat(index.search(IndexQuery.hybrid("text", Vectors.query(), 100)))
                                .extracting(Hit::chunkId).contains(id);
                    }
                    return null;
                }));
            }
            for (var task : tasks) {
                task.get();
            }

            for (var creator : creators) {
                assertThat(indexes.open(creator, "portfolio").chunkIds())
                        .containsExactlyInAnyOrderElementsOf(written.getOrDefault(creator, List.of()));
            }
        }
    }

    private static boolean writeLockIsFree(Path directory) throws IOException {
        try (var lucene = FSDirectory.open(directory)) {
            lucene.obtainLock(IndexWriter.WRITE_LOCK_NAME).close();
            return true;
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            return false;
        }
    }
}
