package dev.atelier.personalmodel;

/**
 * A piece of a work small enough to embed and to show as an exemplar.
 *
 * @param text trimmed, never blank
 * @param ordinal its place in the work, from 0
 * @param section the Markdown heading or code symbol ({@code Main.main}, {@code parse}) it belongs to; "" if none
 */
record Chunk(String text, int ordinal, String section) {

    Chunk {
        if (text.isBlank()) {
            throw new IllegalArgumentException("a chunk's text must not be blank");
        }
        if (!text.equals(text.strip())) {
            throw new IllegalArgumentException("a chunk's text must be trimmed");
        }
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must not be negative, was " + ordinal);
        }
    }
}
