package dev.atelier.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.atelier.identity.CreatorId;

class CreatorIndexTests {

    @TempDir
    Path root;

    private CreatorIndexes indexes;
    private CreatorIndex index;

    @BeforeEach
    void openIndex() {
        indexes = new CreatorIndexes(root, 8);
        index = indexes.open(new CreatorId(UUID.randomUUID()), "portfolio");
    }

    @AfterEach
    void closeIndexes() {
        indexes.close();
    }

    @Test
    void added_chunks_are_found_at_once() {
        index.add(List.of(chunk("c1", "item-1", "v1", "A watercolour of the harbour at dawn", Vectors.query()),
                chunk("c2", "item-1", "v1", "Notes on tax law", Vectors.axis(1))));

        assertThat(index.count()).isEqualTo(2);
        assertThat(index.textSearch("harbour watercolours", 10)).extracting(Hit::chunkId).containsExactly("c1");
        assertThat(index.vectorSearch(Vectors.query(), 1)).extracting(Hit::chunkId).containsExactly("c1");
    }

    @Test
    void adding_a_chunk_with_a_known_id_replaces_it() {
        index.add(chunk("c1", "item-1", "v1", "an old sentence about sailing", Vectors.axis(1)));

        index.add(chunk("c1", "item-1", "v2", "a new sentence about gardening", Vectors.query()));

        assertThat(index.count()).isEqualTo(1);
        assertThat(index.textSearch("sailing", 10)).isEmpty();
        assertThat(index.textSearch("gardening", 10)).singleElement()
                .satisfies(hit -> assertThat(hit.versionId()).isEqualTo("v2"));
    }

    @Test
    void deleting_an_item_removes_all_its_chunks_and_nothing_else() {
        index.add(List.of(chunk("a1", "item-a", "v1", "first part of the story", Vectors.query()),
                chunk("a2", "item-a", "v2", "second part of the story", Vectors.withSimilarity(0.9)),
                chunk("b1", "item-b", "v1", "another story entirely", Vectors.withSimilarity(0.8))));

        index.deleteByItem("item-a");

        assertThat(index.chunkIds()).containsExactly("b1");
        assertThat(index.textSearch("story", 10)).extracting(Hit::itemId).containsOnly("item-b");
        assertThat(index.vectorSearch(Vectors.query(), 10)).extracting(Hit::itemId).containsOnly("item-b");
    }

    @Test
    void deleting_a_version_removes_its_chunks() {
        index.add(List.of(chunk("a1", "item-a", "v1", "old version text", Vectors.query()),
                chunk("a2", "item-a", "v2", "new version text", Vectors.query())));

        index.deleteByVersion("v1");

        assertThat(index.chunkIds()).containsExactly("a2");
    }

    @Test
    void hybrid_search_ranks_first_the_chunk_that_is_good_in_both_rankings() {
        index.add(List.of(
                chunk("text-best", "i1", "v1",
                        "Watercolour landscape painting: watercolour landscape painting techniques",
                        Vectors.withSimilarity(0.1)),
                chunk("vector-best", "i2", "v1", "A recipe for rye bread", Vectors.query()),
                chunk("both", "i3", "v1", "A landscape painting in oil", Vectors.withSimilarity(0.9)),
                chunk("filler-1", "i4", "v1", "Notes on tax law", Vectors.withSimilarity(0.8)),
                chunk("filler-2", "i5", "v1", "Jazz guitar chords", Vectors.withSimilarity(0.7))));
        var text = "watercolour landscape painting";

        assertThat(index.textSearch(text, 5)).extracting(Hit::chunkId).startsWith("text-best", "both");
        assertThat(index.vectorSearch(Vectors.query(), 5)).extracting(Hit::chunkId)
                .containsExactly("vector-best", "both", "filler-1", "filler-2", "text-best");

        var fused = index.hybridSearch(text, Vectors.query(), 3);

        assertThat(fused).extracting(Hit::chunkId).containsExactly("both", "text-best", "vector-best");
        assertThat(fused.getFirst().score()).isCloseTo(2f / 62, within(1e-6f));
    }

    @Test
    void a_filter_restricts_every_kind_of_search() {
        index.add(List.of(chunk("old", "item", "v1", "a poem about the sea", Vectors.query()),
                chunk("new", "item", "v2", "a poem about the sea", Vectors.query())));

        assertThat(index.search(IndexQuery.text("sea poem", 10).inVersion("v2"))).extracting(Hit::chunkId)
                .containsExactly("new");
        assertThat(index.search(IndexQuery.vector(Vectors.query(), 10).inVersion("v2"))).extracting(Hit::chunkId)
                .containsExactly("new");
        assertThat(index.search(IndexQuery.hybrid("sea", Vectors.query(), 10).inVersion("v1")))
                .extracting(Hit::chunkId).containsExactly("old");
        assertThat(index.search(IndexQuery.hybrid("sea", Vectors.query(), 10).inVersion("v3"))).isEmpty();
    }

    @Test
    void keywords_come_back_with_hits_and_can_be_filtered_on() {
        index.add(List.of(
                new IndexedChunk("code", "item", "v1", "def paint(): pass", Vectors.query(), Map.of("kind", "code")),
                new IndexedChunk("prose", "item", "v1", "How I paint", Vectors.query(), Map.of("kind", "prose"))));

        var hits = index.search(IndexQuery.vector(Vectors.query(), 10).where("kind", "code"));

        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.chunkId()).isEqualTo("code");
            assertThat(hit.keywords()).containsExactlyEntriesOf(Map.of("kind", "code"));
            assertThat(hit.text()).isEqualTo("def paint(): pass");
        });
    }

    @Test
    void text_of_only_stop_words_matches_nothing_and_a_hybrid_search_falls_back_to_the_vector() {
        index.add(chunk("c1", "item", "v1", "the cat and the hat", Vectors.query()));

        assertThat(index.textSearch("the and", 10)).isEmpty();
        assertThat(index.hybridSearch("the and", Vectors.query(), 10)).extracting(Hit::chunkId).containsExactly("c1");
    }

    @Test
    void a_batch_with_mixed_dimensions_is_refused_whole() {
        var batch = List.of(chunk("c1", "item", "v1", "four dimensions", Vectors.query()),
                chunk("c2", "item", "v1", "two dimensions", new float[] {1, 0}));

        assertThatThrownBy(() -> index.add(batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk c2 has a vector of 2 dimensions, but chunk c1 has 4");
        assertThat(index.count()).isZero();
    }

    @Test
    void a_vector_of_other_dimensions_than_the_index_is_refused() {
        index.add(chunk("c1", "item", "v1", "four dimensions", Vectors.query()));

        assertThatThrownBy(() -> index.add(chunk("c2", "item", "v1", "two", new float[] {1, 0})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.vectorSearch(new float[] {1, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(index.chunkIds()).containsExactly("c1");
    }

    @Test
    void an_empty_index_finds_nothing() {
        assertThat(index.hybridSearch("anything", Vectors.query(), 10)).isEmpty();
        assertThat(index.count()).isZero();
    }

    static IndexedChunk chunk(String chunkId, String itemId, String versionId, String text, float[] vector) {
        return new IndexedChunk(chunkId, itemId, versionId, text, vector);
    }
}
