package dev.atelier.generation;

/**
 * The names a provenance manifest uses: C2PA's assertion labels and members, and Atelier's own, prefixed
 * {@code atelier.} as C2PA asks of custom labels. Shared by signing ({@link Provenance}) and verifying
 * ({@link ManifestVerifier}) so the two cannot drift apart.
 */
final class ManifestVocabulary {

    static final String CLAIM_GENERATOR = "Atelier";
    static final String URN_UUID = "urn:uuid:";

    static final String HASH_DATA = "c2pa.hash.data";
    static final String ACTIONS = "c2pa.actions";
    static final String CREATED = "c2pa.created";
    static final String TRAINED_ALGORITHMIC_MEDIA =
            "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    static final String TRAINING_MINING = "c2pa.training-mining";
    static final String CREATIVE_WORK = "stds.schema-org.CreativeWork";
    static final String LICENCE = "atelier.licence";

    static final String CREATOR = "atelier.creator";
    static final String OFFERING = "atelier.offering";
    static final String MODEL_VERSION = "atelier.modelVersion";
    static final String ENGINE_MODEL = "atelier.engineModel";

    private ManifestVocabulary() {
    }
}
