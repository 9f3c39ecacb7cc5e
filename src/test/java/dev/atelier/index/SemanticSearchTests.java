package dev.atelier.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.atelier.engine.OnnxEmbeddingEngine;
import dev.atelier.identity.CreatorId;

/** The index with real embeddings from bge-small-en-v1.5. */
class SemanticSearchTests {

    @TempDir
    Path root;

    @Test
    void a_paraphrased_query_finds_the_passage_it_means() {
        var passages = List.of(
                "The cat is sleeping on the warm windowsill.",
                "Quarterly tax filings are due at the end of the month.",
                "Our bakery sells sourdough bread and croissants every morning.",
                "The orchestra rehearses Mahler's fifth symphony on Thursdays.",
                "Replace the bike chain when it stretches beyond half a percent.");
        try (var engine = new OnnxEmbeddingEngine(8, 2); var indexes = new CreatorIndexes(root, 4)) {
            var vectors = engine.embed(passages);
            var chunks = new ArrayList<IndexedChunk>();
            for (var i = 0; i < passages.size(); i++) {
                chunks.add(new IndexedChunk("p" + i, "item-" + i, "v1", passages.get(i), vectors.get(i)));
            }
            var index = indexes.open(CreatorId.parse("00000000-0000-0000-0000-00000000000c"), "portfolio");
            index.add(chunks);

            var query = "a kitten napping by a sunny window";
            var semantic = index.vectorSearch(engine.embedQuery(query), 3);
            var hybrid = index.hybridSearch(query, engine.embedQuery(query), 3);

            assertThat(index.textSearch(query, 3)).isEmpty();
            assertThat(semantic.getFirst().chunkId()).isEqualTo("p0");
            assertThat(hybrid.getFirst().chunkId()).isEqualTo("p0");
        }
    }
}
