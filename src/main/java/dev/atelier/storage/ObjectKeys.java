package dev.atelier.storage;

import java.nio.charset.StandardCharsets;

/**
 * The key rules of {@link ObjectStore}, checked by every store before it touches its backend. The limits are the
 * smaller of S3's (1024 bytes per key) and common filesystems' (255 bytes per name).
 */
final class ObjectKeys {

    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_SEGMENT_BYTES = 255;

    private ObjectKeys() {
    }

    /** @return {@code key}, if it follows the rules */
    static String check(String key) {
        return check("object key", key);
    }

    /** @return {@code prefix} without its one optional trailing {@code /}, if the rest follows the key rules */
    static String checkPrefix(String prefix) {
        return check("key prefix", prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
    }

    private static String check(String what, String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (var i = 0; i < key.length(); i++) {
            var c = key.charAt(i);
            if (Character.isISOControl(c)) {
                throw invalid(what, key, "contains the control character U+%04X at index %d".formatted((int) c, i));
            }
            if (c == '\\') {
                throw invalid(what, key, "contains a backslash; segments are separated by '/'");
            }
        }
        if (key.startsWith("/")) {
            throw invalid(what, key, "is absolute; keys are relative to the store");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalid(what, key, "is longer than " + MAX_KEY_BYTES + " UTF-8 bytes");
        }
        for (var segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalid(what, key, "has an empty segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid(what, key, "has a '" + segment + "' segment");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw invalid(what, key, "has a segment longer than " + MAX_SEGMENT_BYTES + " UTF-8 bytes");
            }
        }
        return key;
    }

    private static IllegalArgumentException invalid(String what, String key, String reason) {
        return new IllegalArgumentException(what + " '" + printable(key) + "' " + reason);
    }

    /** The key with control characters escaped, so that a hostile key cannot forge lines in a log. */
    private static String printable(String key) {
        var text = new StringBuilder(key.length());
        key.chars().forEach(c ->
                text.append(Character.isISOControl(c) ? "\\u%04x".formatted(c) : String.valueOf((char) c)));
        return text.length() > 200 ? text.substring(0, 200) + "…" : text.toString();
    }
}
