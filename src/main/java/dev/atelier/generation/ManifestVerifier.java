package dev.atelier.generation;

import static dev.atelier.generation.ManifestVocabulary.ACTIONS;
import static dev.atelier.generation.ManifestVocabulary.CREATED;
import static dev.atelier.generation.ManifestVocabulary.CREATOR;
import static dev.atelier.generation.ManifestVocabulary.ENGINE_MODEL;
import static dev.atelier.generation.ManifestVocabulary.HASH_DATA;
import static dev.atelier.generation.ManifestVocabulary.LICENCE;
import static dev.atelier.generation.ManifestVocabulary.MODEL_VERSION;
import static dev.atelier.generation.ManifestVocabulary.OFFERING;
import static dev.atelier.generation.ManifestVocabulary.URN_UUID;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an asset against its manifest file with nothing but the platform's public key: no network, no database,
 * no Spring, so the web endpoint and the command line share it. It never throws on bad input; every problem becomes a
 * failed {@link Verification.Check}. Four checks, in order:
 * <ol>
 * <li>{@value #MANIFEST}: the file is strict JSON (no duplicate members, nothing after it) holding exactly
 * {@code manifest}, an object with the expected members, and {@code signature}, a detached JWS;</li>
 * <li>{@value #ALGORITHM}: the JWS header says EdDSA and names this key's id, and asks for nothing this verifier does
 * not understand ({@code crit}, an unencoded payload);</li>
 * <li>{@value #SIGNATURE}: the Ed25519 signature is valid over the manifest's RFC 8785 canonical JSON, so any change
 * to what the manifest says breaks it, while re-indenting the file does not;</li>
 * <li>{@value #ASSET_HASH}: the asset's SHA-256 equals the manifest's {@code c2pa.hash.data} binding.</li>
 * </ol>
 * Thread-safe.
 */
final class ManifestVerifier {

    static final String MANIFEST = "manifest";
    static final String ALGORITHM = "algorithm";
    static final String SIGNATURE = "signature";
    static final String ASSET_HASH = "asset-hash";

    private static final List<String> REQUIRED = List.of("claim_generator", "title", "format", "instance_id",
            "assertions");
    private static final int SIGNATURE_LENGTH = 64;

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final PublicJwk key;

    ManifestVerifier(PublicJwk key) {
        this.key = key;
    }

    /** Strictly parsed JSON, or empty when {@code bytes} are not JSON. */
    static Optional<JsonNode> json(byte[] bytes) {
        try {
            return Optional.of(STRICT.readTree(bytes)).filter(node -> !node.isMissingNode());
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    Verification verify(byte[] asset, byte[] manifestFile) {
        try {
            return check(asset, manifestFile);
        } catch (RuntimeException e) {
            // Nothing above should throw; if something does, the answer is still "not valid", never an error page.
            var detail = "Could not be checked: " + e;
            return new Verification(false, List.of(new Verification.Check(MANIFEST, false, detail),
                    new Verification.Check(ALGORITHM, false, detail), new Verification.Check(SIGNATURE, false, detail),
                    new Verification.Check(ASSET_HASH, false, detail)), null, null);
        }
    }

    private Verification check(byte[] asset, byte[] manifestFile) {
        var checks = new ArrayList<Verification.Check>();
        var file = json(manifestFile).orElse(null);
        JsonNode manifest = null;
        String signature = null;
        if (file == null) {
            checks.add(failed(MANIFEST, "The manifest file is not JSON (UTF-8, without duplicate members)."));
        } else if (!file.isObject() || file.size() != 2 || !file.path("manifest").isObject()
                || !file.path("signature").isString()) {
            checks.add(failed(MANIFEST, "The manifest file must be a JSON object with exactly two members: "
                    + "\"manifest\", an object, and \"signature\", a detached JWS."));
        } else {
            var content = file.get("manifest");
            manifest = content;
            signature = file.get("signature").stringValue();
            var missing = REQUIRED.stream().filter(name -> !content.has(name)).toList();
            checks.add(missing.isEmpty() && content.get("assertions").isArray()
                    ? passed(MANIFEST, "JSON with a manifest for \"" + content.path("title").asString("")
                            + "\" and a detached JWS signature.")
                    : failed(MANIFEST, "The manifest lacks " + String.join(", ", missing.isEmpty()
                            ? List.of("an assertions array") : missing) + "."));
        }

        String keyId = null;
        DetachedJws jws = null;
        if (signature == null) {
            checks.add(failed(ALGORITHM, "Not checked: there is no signature to read."));
        } else {
            try {
                jws = DetachedJws.parse(signature);
                var header = json(PublicJwk.fromBase64Url(jws.protectedHeader()))
                        .filter(JsonNode::isObject)
                        .orElseThrow(() -> new IllegalArgumentException("the protected header is not a JSON object"));
                keyId = header.path("kid").isString() ? header.get("kid").stringValue() : null;
                checks.add(algorithm(header, keyId));
            } catch (IllegalArgumentException e) {
                checks.add(failed(ALGORITHM, "The signature is not a detached JWS (<header>..<signature>): "
                        + e.getMessage() + "."));
                jws = null;
            }
        }

        if (manifest == null || jws == null || !checks.getLast().passed()) {
            checks.add(failed(SIGNATURE, "Not checked: the manifest or its signature header could not be used."));
        } else {
            checks.add(signature(manifest, jws));
        }

        checks.add(manifest == null
                ? failed(ASSET_HASH, "Not checked: there is no manifest to compare with.")
                : assetHash(manifest, asset));

        var valid = checks.stream().allMatch(Verification.Check::passed);
        return new Verification(valid, checks, keyId, valid ? facts(manifest) : null);
    }

    private Verification.Check algorithm(JsonNode header, @Nullable String keyId) {
        var alg = header.path("alg").asString("");
        if (!PublicJwk.ALG.equals(alg)) {
            return failed(ALGORITHM, "The signature's algorithm is '" + alg + "'; Atelier signs with EdDSA.");
        }
        if (header.has("crit") || header.has("b64")) {
            return failed(ALGORITHM, "The signature header asks for extensions (crit, b64) that Atelier does not use.");
        }
        if (!key.kid().equals(keyId)) {
            return failed(ALGORITHM, "The manifest was signed by key " + keyId + ", not by this platform's key "
                    + key.kid() + ".");
        }
        return passed(ALGORITHM, "EdDSA (Ed25519) with this platform's key " + key.kid() + ".");
    }

    private Verification.Check signature(JsonNode manifest, DetachedJws jws) {
        byte[] payload;
        try {
            payload = CanonicalJson.of(manifest);
        } catch (IllegalArgumentException e) {
            return failed(SIGNATURE, "The manifest has no canonical form, so it cannot have been signed: "
                    + e.getMessage() + ".");
        }
        try {
            var bytes = PublicJwk.fromBase64Url(jws.signature());
            var verifier = Signature.getInstance(PublicJwk.CRV);
            verifier.initVerify(key.publicKey());
            verifier.update(DetachedJws.signingInput(jws.protectedHeader(), payload));
            if (bytes.length == SIGNATURE_LENGTH && verifier.verify(bytes)) {
                return passed(SIGNATURE, "A valid Ed25519 signature over the manifest's canonical JSON (RFC 8785).");
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // A malformed signature is simply not a valid one.
        }
        return failed(SIGNATURE, "The signature does not match the manifest: what the manifest says was changed "
                + "after it was signed.");
    }

    private static Verification.Check assetHash(JsonNode manifest, byte[] asset) {
        var bindings = assertions(manifest, HASH_DATA);
        if (bindings.size() != 1) {
            return failed(ASSET_HASH, "The manifest should bind the asset with exactly one " + HASH_DATA
                    + " assertion; it has " + bindings.size() + ".");
        }
        var binding = bindings.getFirst();
        if (!"sha256".equals(binding.path("alg").asString(""))) {
            return failed(ASSET_HASH, "The asset is bound with '" + binding.path("alg").asString("")
                    + "'; Atelier binds with sha256.");
        }
        var expected = binding.path("hash").asString("");
        var actual = sha256(asset);
        return actual.equals(expected)
                ? passed(ASSET_HASH, "The asset's SHA-256 " + actual + " matches the manifest.")
                : failed(ASSET_HASH, "The asset's SHA-256 is " + actual + ", but the manifest binds " + expected
                        + ": this is not the asset that was signed, or it was changed.");
    }

    /** The data of each assertion with {@code label}. */
    static List<JsonNode> assertions(JsonNode manifest, String label) {
        return manifest.path("assertions").valueStream()
                .filter(assertion -> label.equals(assertion.path("label").asString("")))
                .map(assertion -> assertion.path("data"))
                .toList();
    }

    private static Map<String, Object> facts(JsonNode manifest) {
        var facts = new LinkedHashMap<String, Object>();
        facts.put("assetId", manifest.path("instance_id").asString("").replaceFirst("^" + URN_UUID, ""));
        facts.put("title", manifest.path("title").asString(""));
        facts.put("mediaType", manifest.path("format").asString(""));
        assertions(manifest, HASH_DATA).forEach(hash -> facts.put("assetSha256", hash.path("hash").asString("")));
        assertions(manifest, ACTIONS).stream()
                .flatMap(actions -> actions.path("actions").valueStream())
                .filter(action -> CREATED.equals(action.path("action").asString("")))
                .findFirst()
                .ifPresent(created -> {
                    var parameters = created.path("parameters");
                    facts.put("createdAt", created.path("when").asString(""));
                    facts.put("creatorId", parameters.path(CREATOR).path("id").asString(""));
                    facts.put("creatorName", parameters.path(CREATOR).path("name").asString(""));
                    facts.put("offeringId", parameters.path(OFFERING).path("id").asString(""));
                    facts.put("offeringSlug", parameters.path(OFFERING).path("slug").asString(""));
                    facts.put("offeringTitle", parameters.path(OFFERING).path("title").asString(""));
                    facts.put("modelVersionId", parameters.path(MODEL_VERSION).path("id").asString(""));
                    facts.put("modelVersionNumber", parameters.path(MODEL_VERSION).path("number").asInt(0));
                    facts.put("engineModel", parameters.path(ENGINE_MODEL).asString(""));
                });
        assertions(manifest, LICENCE).stream().findFirst().ifPresent(licence -> {
            facts.put("licenceId", licence.path("licenceId").asString(""));
            facts.put("clientId", licence.path("client").asString(""));
        });
        return facts;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Verification.Check passed(String name, String detail) {
        return new Verification.Check(name, true, detail);
    }

    private static Verification.Check failed(String name, String detail) {
        return new Verification.Check(name, false, detail);
    }
}
