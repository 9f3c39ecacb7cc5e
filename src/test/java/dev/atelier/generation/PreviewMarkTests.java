package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreviewMarkTests {

    @Test
    void a_preview_shows_the_first_share_of_the_words_between_visible_marks_and_holds_the_rest_back() {
        var draft = "One two three four five.\n\nSix seven eight nine ten.";
        var marked = PreviewMark.mark(draft, "Ada", 0.4);

        assertThat(marked.totalWords()).isEqualTo(10);
        assertThat(marked.shownWords()).isEqualTo(4);
        assertThat(marked.text()).isEqualTo("[Preview · Atelier · Ada]\nOne two three four …\n"
                + "[Preview · Atelier · Ada · 6 more words after purchase]");
        assertThat(marked.text()).doesNotContain("five").doesNotContain("Six");
    }

    @Test
    void layout_within_the_shown_part_is_kept() {
        var marked = PreviewMark.mark("Alpha beta.\n\nGamma delta epsilon zeta eta theta iota kappa", "Bo", 0.4);
        assertThat(marked.text()).contains("Alpha beta.\n\nGamma delta");
    }

    @Test
    void at_least_one_word_is_shown_and_at_least_one_held_back() {
        assertThat(PreviewMark.mark("Hello there", "Cy", 0.01).shownWords()).isEqualTo(1);
        assertThat(PreviewMark.mark("Hello there", "Cy", 0.99).shownWords()).isEqualTo(1);
        assertThat(PreviewMark.mark("Hello", "Cy", 0.4).heldBackWords()).isZero();
    }
}
