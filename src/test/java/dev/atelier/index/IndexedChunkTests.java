package dev.atelier.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class IndexedChunkTests {

    @Test
    void vectors_must_have_unit_length() {
        assertThatThrownBy(() -> new IndexedChunk("c", "i", "v", "text", new float[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the vector of chunk c must have unit length, but its length is 1.41");
        assertThatThrownBy(() -> IndexQuery.vector(new float[] {0, 0}, 3))
                .hasMessageStartingWith("the vector of the query must have unit length");
    }

    @Test
    void keyword_names_may_not_take_the_index_own_field_names() {
        assertThatThrownBy(() -> new IndexedChunk("c", "i", "v", "text", Vectors.query(), Map.of("itemId", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyword name 'itemId'");
        assertThatThrownBy(() -> new IndexedChunk("c", "i", "v", "text", Vectors.query(), Map.of("a b", "x")))
                .hasMessageContaining("keyword name 'a b'");
    }

    @Test
    void ids_and_text_must_not_be_blank() {
        assertThatThrownBy(() -> new IndexedChunk(" ", "i", "v", "text", Vectors.query()))
                .hasMessage("chunkId must not be blank");
        assertThatThrownBy(() -> new IndexedChunk("c", "i", "v", "", Vectors.query()))
                .hasMessage("text must not be blank");
    }

    @Test
    void the_vector_cannot_be_changed_from_outside() {
        var vector = Vectors.query();
        var chunk = new IndexedChunk("c", "i", "v", "text", vector);

        vector[0] = 0;
        chunk.vector()[0] = 0;

        assertThat(chunk.vector()).containsExactly(Vectors.query());
    }

    @Test
    void a_query_needs_text_or_a_vector_and_a_sensible_k() {
        assertThatThrownBy(() -> new IndexQuery(" ", null, 10, Map.of()))
                .hasMessage("a query needs text, a vector, or both");
        assertThatThrownBy(() -> IndexQuery.text("x", 0)).hasMessage("k must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> IndexQuery.text("x", 10).where("text", "x"))
                .hasMessageContaining("cannot filter on 'text'");
    }
}
