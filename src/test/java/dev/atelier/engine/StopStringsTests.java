package dev.atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StopStringsTests {

    @Test
    void text_before_a_stop_string_is_let_through_and_the_rest_is_dropped() {
        var stops = new StopStrings(List.of("END"));

        assertThat(stops.accept("one two END three")).isEqualTo("one two ");
        assertThat(stops.reached()).isTrue();
        assertThat(stops.accept(" four")).isEmpty();
        assertThat(stops.flush()).isEmpty();
    }

    @Test
    void a_possible_start_of_a_stop_string_is_held_back_until_the_next_piece_decides() {
        var stops = new StopStrings(List.of("END"));

        assertThat(stops.accept("one E")).isEqualTo("one ");
        assertThat(stops.accept("N")).isEmpty();
        assertThat(stops.accept("D two")).isEmpty();
        assertThat(stops.reached()).isTrue();
    }

    @Test
    void held_back_text_that_was_not_a_stop_string_after_all_is_let_through() {
        var stops = new StopStrings(List.of("END"));

        assertThat(stops.accept("one EN")).isEqualTo("one ");
        assertThat(stops.accept("TRY")).isEqualTo("ENTRY");
        assertThat(stops.accept(" E")).isEqualTo(" ");
        assertThat(stops.flush()).isEqualTo("E");
        assertThat(stops.reached()).isFalse();
    }

    @Test
    void the_earliest_of_several_stop_strings_wins() {
        var stops = new StopStrings(List.of("three", "two"));

        assertThat(stops.accept("one two three")).isEqualTo("one ");
    }

    @Test
    void without_stop_strings_everything_passes_at_once() {
        var stops = new StopStrings(List.of());

        assertThat(stops.accept("anything")).isEqualTo("anything");
        assertThat(stops.flush()).isEmpty();
    }
}
