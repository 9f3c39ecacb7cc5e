package dev.atelier.generation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The platform's public signing key as an RFC 8037 JSON Web Key: {@code kty} OKP, {@code crv} Ed25519, {@code x} the
 * 32-byte public key in base64url, and {@code kid} its RFC 7638 thumbprint, so the id follows from the key itself and
 * cannot be claimed for another one.
 */
record PublicJwk(String kty, String crv, String x, String kid, String alg, String use) {

    static final String KTY = "OKP";
    static final String CRV = "Ed25519";
    static final String ALG = "EdDSA";
    static final String USE = "sig";

    /* An Ed25519 SubjectPublicKeyInfo is this fixed DER prefix (RFC 8410) followed by the 32-byte key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int KEY_LENGTH = 32;

    PublicJwk {
        if (!KTY.equals(kty) || !CRV.equals(crv) || !ALG.equals(alg) || !USE.equals(use)) {
            throw new IllegalArgumentException("the signing key is an OKP Ed25519 key for EdDSA signatures, was kty "
                    + kty + ", crv " + crv + ", alg " + alg + ", use " + use);
        }
        if (rawKey(x).length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 key's x is 32 bytes in base64url");
        }
        if (!kid.equals(thumbprint(x))) {
            throw new IllegalArgumentException("kid must be the key's RFC 7638 thumbprint " + thumbprint(x)
                    + ", was " + kid);
        }
    }

    static PublicJwk of(PublicKey key) {
        var encoded = key.getEncoded();
        if (encoded == null || encoded.length != X509_PREFIX.length + KEY_LENGTH
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return ofX(base64Url(Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length)));
    }

    static PublicJwk ofX(String x) {
        return new PublicJwk(KTY, CRV, x, thumbprint(x), ALG, USE);
    }

    /**
     * Reads a JWK, or a JWK Set whose {@code keys} hold exactly one Ed25519 key. Only {@code kty}, {@code crv} and
     * {@code x} are read: the key id is recomputed from the key, and a private part ({@code d}) is refused.
     *
     * @throws IllegalArgumentException with a reason a person can act on
     */
    static PublicJwk read(JsonNode json) {
        var jwk = json;
        if (json.has("keys")) {
            var ed25519 = json.get("keys").valueStream()
                    .filter(key -> CRV.equals(key.path("crv").asString(""))).toList();
            if (ed25519.size() != 1) {
                throw new IllegalArgumentException("the JWK Set holds " + ed25519.size()
                        + " Ed25519 keys; give the one to verify with");
            }
            jwk = ed25519.getFirst();
        }
        if (!jwk.isObject() || !KTY.equals(jwk.path("kty").asString("")) || !CRV.equals(jwk.path("crv").asString(""))
                || !jwk.path("x").isString()) {
            throw new IllegalArgumentException("not an Ed25519 JWK: it needs \"kty\": \"OKP\", \"crv\": \"Ed25519\" "
                    + "and \"x\"");
        }
        if (jwk.has("d")) {
            throw new IllegalArgumentException("the JWK holds a private key (\"d\"); verifying needs only the public "
                    + "key, and a private key should not travel");
        }
        return ofX(jwk.get("x").stringValue());
    }

    PublicKey publicKey() {
        var encoded = new byte[X509_PREFIX.length + KEY_LENGTH];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(rawKey(x), 0, encoded, X509_PREFIX.length, KEY_LENGTH);
        try {
            return KeyFactory.getInstance(CRV).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("x is not an Ed25519 public key", e);
        }
    }

    /** RFC 7638: the SHA-256 of the required members in lexicographic order, without whitespace, in base64url. */
    static String thumbprint(String x) {
        var required = JsonNodeFactory.instance.objectNode().put("crv", CRV).put("kty", KTY).put("x", x);
        try {
            return base64Url(MessageDigest.getInstance("SHA-256").digest(CanonicalJson.of(required)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Decodes unpadded base64url, refusing any other spelling of the same bytes (padding, or stray bits in the last
     * character), so that a signature or key has exactly one text form.
     *
     * @throws IllegalArgumentException if {@code text} is not canonical base64url
     */
    static byte[] fromBase64Url(String text) {
        var bytes = Base64.getUrlDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
        if (!base64Url(bytes).equals(text)) {
            throw new IllegalArgumentException("not canonical unpadded base64url");
        }
        return bytes;
    }

    private static byte[] rawKey(String x) {
        return fromBase64Url(x);
    }
}
