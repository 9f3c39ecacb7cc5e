package dev.atelier.generation;

import static dev.atelier.generation.ManifestVocabulary.ACTIONS;
import static dev.atelier.generation.ManifestVocabulary.CLAIM_GENERATOR;
import static dev.atelier.generation.ManifestVocabulary.CREATED;
import static dev.atelier.generation.ManifestVocabulary.CREATIVE_WORK;
import static dev.atelier.generation.ManifestVocabulary.CREATOR;
import static dev.atelier.generation.ManifestVocabulary.ENGINE_MODEL;
import static dev.atelier.generation.ManifestVocabulary.HASH_DATA;
import static dev.atelier.generation.ManifestVocabulary.LICENCE;
import static dev.atelier.generation.ManifestVocabulary.MODEL_VERSION;
import static dev.atelier.generation.ManifestVocabulary.OFFERING;
import static dev.atelier.generation.ManifestVocabulary.TRAINED_ALGORITHMIC_MEDIA;
import static dev.atelier.generation.ManifestVocabulary.TRAINING_MINING;
import static dev.atelier.generation.ManifestVocabulary.URN_UUID;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.stereotype.Component;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signs and verifies provenance manifests. A manifest uses C2PA's assertion vocabulary: a {@code c2pa.hash.data}
 * binding of the asset's SHA-256; {@code c2pa.actions} with one {@code c2pa.created} action by trained algorithmic
 * media, naming the creator, offering, model version and engine model; {@code c2pa.training-mining} refusing every AI
 * and data-mining use; a schema.org {@code CreativeWork} naming the creator as author and copyright holder; and
 * {@code atelier.licence}. It is a sidecar JSON file signed with a detached JWS (EdDSA) over its RFC 8785 canonical
 * form, not a C2PA JUMBF manifest store, and the hash is hex rather than C2PA's byte string. Thread-safe.
 */
@Component
class Provenance {

    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final List<String> NOT_ALLOWED = List.of("c2pa.ai_generative_training", "c2pa.ai_inference",
            "c2pa.ai_training", "c2pa.data_mining");

    private final SigningKey key;
    private final ManifestVerifier verifier;

    Provenance(SigningKey key) {
        this.key = key;
        this.verifier = new ManifestVerifier(key.publicJwk());
    }

    SignedManifest sign(ManifestFacts facts) {
        var manifest = manifestOf(facts);
        var jws = DetachedJws.sign(CanonicalJson.of(manifest), key);
        var file = JsonNodeFactory.instance.objectNode();
        file.set("manifest", manifest);
        file.put("signature", jws.compact());
        var bytes = (PRETTY.writeValueAsString(file) + "\n").getBytes(StandardCharsets.UTF_8);
        return new SignedManifest(bytes, URN_UUID + facts.assetId(), facts.assetSha256());
    }

    /** Offline and total: bad input yields an invalid verification, never an exception. */
    Verification verify(byte[] asset, byte[] manifestFile) {
        return verifier.verify(asset, manifestFile);
    }

    PublicJwk signingKey() {
        return key.publicJwk();
    }

    static ObjectNode manifestOf(ManifestFacts facts) {
        var nodes = JsonNodeFactory.instance;
        var manifest = nodes.objectNode();
        manifest.put("claim_generator", CLAIM_GENERATOR);
        manifest.putArray("claim_generator_info").addObject().put("name", CLAIM_GENERATOR);
        manifest.put("title", facts.title());
        manifest.put("format", facts.mediaType());
        manifest.put("instance_id", URN_UUID + facts.assetId());
        var assertions = manifest.putArray("assertions");

        assertion(assertions.addObject(), HASH_DATA)
                .put("name", "asset").put("alg", "sha256").put("hash", facts.assetSha256());

        var created = assertion(assertions.addObject(), ACTIONS).putArray("actions").addObject()
                .put("action", CREATED)
                .put("when", facts.createdAt().toString())
                .put("digitalSourceType", TRAINED_ALGORITHMIC_MEDIA)
                .put("softwareAgent", CLAIM_GENERATOR);
        var parameters = created.putObject("parameters");
        parameters.putObject(CREATOR).put("id", facts.creatorId().toString()).put("name", facts.creatorName());
        parameters.putObject(OFFERING).put("id", facts.offeringId().toString()).put("slug", facts.offeringSlug())
                .put("title", facts.offeringTitle());
        parameters.putObject(MODEL_VERSION).put("id", facts.modelVersionId().toString())
                .put("number", facts.modelVersionNumber());
        parameters.put(ENGINE_MODEL, facts.engineModel());

        var entries = assertion(assertions.addObject(), TRAINING_MINING).putObject("entries");
        NOT_ALLOWED.forEach(use -> entries.putObject(use).put("use", "notAllowed"));

        var work = assertion(assertions.addObject(), CREATIVE_WORK)
                .put("@context", "https://schema.org")
                .put("@type", "CreativeWork")
                .put("name", facts.title())
                .put("dateCreated", facts.createdAt().toString());
        person(work.putArray("author").addObject(), facts);
        person(work.putObject("copyrightHolder"), facts);

        assertion(assertions.addObject(), LICENCE)
                .put("licenceId", facts.licenceId().toString())
                .put("client", facts.clientId().toString());
        return manifest;
    }

    private static ObjectNode assertion(ObjectNode assertion, String label) {
        assertion.put("label", label);
        return assertion.putObject("data");
    }

    private static void person(ObjectNode person, ManifestFacts facts) {
        person.put("@type", "Person").put("name", facts.creatorName())
                .put("identifier", URN_UUID + facts.creatorId());
    }
}
