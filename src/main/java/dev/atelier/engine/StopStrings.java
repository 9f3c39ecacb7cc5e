package dev.atelier.engine;

import java.util.List;

/**
 * Cuts a streamed text before the first stop string. Text that could be the start of a stop string is held back until
 * the next piece shows whether it is, so no part of a stop string is ever let through, even when it arrives split
 * over several pieces. Not thread-safe: one per generation.
 */
final class StopStrings {

    private final List<String> stops;
    private final StringBuilder held = new StringBuilder();
    private boolean reached;

    StopStrings(List<String> stops) {
        this.stops = List.copyOf(stops);
    }

    /** The text that may be let through now that {@code piece} has arrived; empty after a stop string. */
    String accept(String piece) {
        if (reached) {
            return "";
        }
        held.append(piece);
        var first = -1;
        for (var stop : stops) {
            var at = held.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        if (first >= 0) {
            reached = true;
            var before = held.substring(0, first);
            held.setLength(0);
            return before;
        }
        var keep = longestStopPrefixAtEnd();
        var free = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return free;
    }

    /** Whether a stop string has been reached; the generation should end. */
    boolean reached() {
        return reached;
    }

    /** Lets through what was held back; call it when the generation ends without a stop string. */
    String flush() {
        var rest = held.toString();
        held.setLength(0);
        return rest;
    }

    private int longestStopPrefixAtEnd() {
        var longest = 0;
        for (var stop : stops) {
            for (var length = Math.min(stop.length() - 1, held.length()); length > longest; length--) {
                if (held.substring(held.length() - length).equals(stop.substring(0, length))) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }
}
