package dev.atelier.generation;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An RFC 7515 JWS in compact serialization with a detached payload (appendix F): {@code <protected>..<signature>}.
 * The payload is signed exactly as in an attached JWS (its base64url form is part of the signing input) but travels
 * separately; for a manifest it is the manifest's RFC 8785 canonical JSON.
 *
 * @param protectedHeader the base64url-encoded protected header
 * @param signature the base64url-encoded signature
 */
record DetachedJws(String protectedHeader, String signature) {

    DetachedJws {
        if (protectedHeader.isEmpty() || signature.isEmpty()) {
            throw new IllegalArgumentException("a JWS has a protected header and a signature");
        }
    }

    /** Signs {@code payload} with {@code key}; the header names the algorithm, EdDSA, and the key's id. */
    static DetachedJws sign(byte[] payload, SigningKey key) {
        var header = JsonNodeFactory.instance.objectNode().put("alg", PublicJwk.ALG).put("kid", key.keyId());
        var encodedHeader = PublicJwk.base64Url(CanonicalJson.of(header));
        return new DetachedJws(encodedHeader, PublicJwk.base64Url(key.sign(signingInput(encodedHeader, payload))));
    }

    /**
     * @throws IllegalArgumentException if {@code compact} is not {@code <protected>..<signature>}
     */
    static DetachedJws parse(String compact) {
        var parts = compact.split("\\.", -1);
        if (parts.length != 3 || !parts[1].isEmpty()) {
            throw new IllegalArgumentException("expected <protected header>..<signature> with an empty payload part");
        }
        return new DetachedJws(parts[0], parts[2]);
    }

    /** RFC 7515 section 5.1: ASCII(BASE64URL(header) || '.' || BASE64URL(payload)). */
    static byte[] signingInput(String encodedHeader, byte[] payload) {
        return (encodedHeader + "." + PublicJwk.base64Url(payload)).getBytes(StandardCharsets.US_ASCII);
    }

    String compact() {
        return protectedHeader + ".." + signature;
    }
}
