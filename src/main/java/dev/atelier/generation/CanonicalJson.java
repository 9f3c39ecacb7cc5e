package dev.atelier.generation;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The RFC 8785 JSON Canonicalization Scheme (JCS) for the JSON that manifests contain: object members sorted by
 * their names' UTF-16 code units, no whitespace, strings escaped as ECMAScript's {@code JSON.stringify} does, UTF-8.
 * Numbers are limited to integers within ±(2^53 − 1), which ECMAScript writes as plain digits; anything else
 * (fractions, exponents, larger integers) is refused rather than risk a form another implementation would write
 * differently. Stateless and thread-safe.
 */
final class CanonicalJson {

    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf((1L << 53) - 1);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /**
     * @throws IllegalArgumentException if {@code json} holds a number that is not a safe integer, a string with an
     *                                  unpaired surrogate, or a node that is not plain JSON
     */
    static byte[] of(JsonNode json) {
        var text = new StringBuilder();
        write(json, text);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            var members = new ArrayList<Map.Entry<String, JsonNode>>(node.properties());
            // String.compareTo compares UTF-16 code units, which is exactly the order RFC 8785 asks for.
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (var i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(members.get(i).getKey(), out);
                out.append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (var i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isString()) {
            string(node.stringValue(), out);
        } else if (node.isIntegralNumber()) {
            var value = node.bigIntegerValue();
            if (value.abs().compareTo(MAX_SAFE_INTEGER) > 0) {
                throw new IllegalArgumentException("the integer " + value + " is beyond ±(2^53 - 1); a manifest "
                        + "holds only integers that every JSON implementation reads exactly");
            }
            out.append(value);
        } else if (node.isNumber()) {
            throw new IllegalArgumentException("the number " + node + " is not an integer; a manifest holds only "
                    + "integers, so that its canonical form is unambiguous");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNull()) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("a " + node.getNodeType() + " node is not plain JSON");
        }
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (var i = 0; i < value.length(); i++) {
            var c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("a string holds an unpaired surrogate (U+"
                                + Integer.toHexString(c).toUpperCase(Locale.ROOT) + "), which is not "
                                + "valid Unicode");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
