package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ProvenanceTests {

    static final byte[] ASSET = "A short brand story for a small climate company, by a creator's model.\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;

    private final JsonMapper json = JsonMapper.builder().build();
    private Provenance provenance;
    private ManifestFacts facts;

    @BeforeEach
    void setUp() {
        provenance = new Provenance(new SigningKey(dataDir));
        facts = facts(ASSET, "Ada Lovelace");
    }

    static ManifestFacts facts(byte[] asset, String creatorName) {
        return new ManifestFacts(UUID.randomUUID(), "Brand story for Client", "text/plain; charset=utf-8",
                ManifestVerifier.sha256(asset), UUID.randomUUID(), creatorName, UUID.randomUUID(), "brand-stories",
                "Brand stories", UUID.randomUUID(), 3, "qwen2.5-1.5b-instruct-q4_k_m.gguf", UUID.randomUUID(),
                UUID.randomUUID(), Instant.parse("2026-11-25T10:15:30.123Z"));
    }

    @Test
    void a_signed_manifest_verifies_with_every_check_passing_and_reports_its_facts() {
        var signed = provenance.sign(facts);

        var verification = provenance.verify(ASSET, signed.file());

        assertThat(verification.valid()).isTrue();
        assertThat(verification.checks()).extracting(Verification.Check::name)
                .containsExactly("manifest", "algorithm", "signature", "asset-hash");
        assertThat(verification.checks()).allMatch(Verification.Check::passed);
        assertThat(verification.keyId()).isEqualTo(provenance.signingKey().kid());
        assertThat(verification.facts()).containsEntry("assetId", facts.assetId().toString())
                .containsEntry("creatorName", "Ada Lovelace")
                .containsEntry("offeringSlug", "brand-stories")
                .containsEntry("modelVersionNumber", 3)
                .containsEntry("engineModel", "qwen2.5-1.5b-instruct-q4_k_m.gguf")
                .containsEntry("licenceId", facts.licenceId().toString())
                .containsEntry("clientId", facts.clientId().toString())
                .containsEntry("createdAt", "2026-11-25T10:15:30.123Z")
                .containsEntry("assetSha256", facts.assetSha256());
        assertThat(signed.reference()).isEqualTo("urn:uuid:" + facts.assetId());
        assertThat(signed.sha256()).isEqualTo(facts.assetSha256());
    }

    @Test
    void one_altered_byte_of_the_asset_fails_the_hash_check_only() {
        var signed = provenance.sign(facts);
        var altered = ASSET.clone();
        altered[5] ^= 0x01;

        var verification = provenance.verify(altered, signed.file());

        assertThat(verification.valid()).isFalse();
        assertThat(check(verification, "signature").passed()).isTrue();
        assertThat(check(verification, "asset-hash").passed()).isFalse();
        assertThat(check(verification, "asset-hash").detail()).contains(ManifestVerifier.sha256(altered))
                .contains(facts.assetSha256());
        assertThat(verification.facts()).isNull();
    }

    @Test
    void one_altered_character_of_the_creator_name_in_the_manifest_breaks_the_signature() {
        var file = new String(provenance.sign(facts).file(), StandardCharsets.UTF_8);
        assertThat(file).contains("Ada Lovelace");

        var verification = provenance.verify(ASSET, file.replace("Ada Lovelace", "Ada Lovelacf")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(verification.valid()).isFalse();
        assertThat(check(verification, "manifest").passed()).isTrue();
        assertThat(check(verification, "signature").passed()).isFalse();
        assertThat(check(verification, "asset-hash").passed()).isTrue();
    }

    @Test
    void one_altered_character_of_the_signature_breaks_it() {
        var file = (ObjectNode) json.readTree(provenance.sign(facts).file());
        var signature = file.get("signature").stringValue();
        var last = signature.length() - 5;
        file.put("signature", signature.substring(0, last) + (signature.charAt(last) == 'A' ? 'B' : 'A')
                + signature.substring(last + 1));

        assertThat(provenance.verify(ASSET, json.writeValueAsBytes(file)).valid()).isFalse();
    }

    @Test
    void a_manifest_signed_by_another_platform_key_is_not_valid() {
        var other = new Provenance(new SigningKey(dataDir.resolve("other")));
        var signedElsewhere = other.sign(facts);

        var verification = provenance.verify(ASSET, signedElsewhere.file());

        assertThat(verification.valid()).isFalse();
        assertThat(check(verification, "algorithm").detail()).contains(other.signingKey().kid());
        assertThat(check(verification, "signature").passed()).isFalse();
    }

    @Test
    void another_key_claiming_this_platforms_kid_fails_the_signature() throws Exception {
        var other = new SigningKey(dataDir.resolve("other"));
        var manifest = Provenance.manifestOf(facts);
        var header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"EdDSA\",\"kid\":\"" + provenance.signingKey().kid() + "\"}").getBytes(StandardCharsets.UTF_8));
        var forged = header + ".." + PublicJwk.base64Url(other.sign(DetachedJws.signingInput(header,
                CanonicalJson.of(manifest))));

        var verification = provenance.verify(ASSET, file(manifest, forged));

        assertThat(check(verification, "algorithm").passed()).isTrue();
        assertThat(check(verification, "signature").passed()).isFalse();
        assertThat(verification.valid()).isFalse();
    }

    @Test
    void re_indenting_the_manifest_file_changes_no_statement_and_still_verifies() {
        var compact = json.writeValueAsBytes(json.readTree(provenance.sign(facts).file()));

        assertThat(provenance.verify(ASSET, compact).valid()).isTrue();
    }

    @Test
    void a_manifest_with_a_duplicate_member_or_an_extra_member_is_refused() {
        var file = new String(provenance.sign(facts).file(), StandardCharsets.UTF_8);

        var duplicate = file.replaceFirst("\\{", "{\"signature\":\"x..y\",");
        var extra = file.replaceFirst("\\{", "{\"note\":\"unsigned\",");

        assertThat(check(provenance.verify(ASSET, duplicate.getBytes(StandardCharsets.UTF_8)), "manifest").passed())
                .isFalse();
        assertThat(check(provenance.verify(ASSET, extra.getBytes(StandardCharsets.UTF_8)), "manifest").passed())
                .isFalse();
    }

    @Test
    void an_unsigned_algorithm_is_refused() {
        var manifest = Provenance.manifestOf(facts);
        var none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8)) + "..AAAA";

        var verification = provenance.verify(ASSET, file(manifest, none));

        assertThat(check(verification, "algorithm").detail()).contains("'none'");
        assertThat(verification.valid()).isFalse();
    }

    @Test
    void bad_input_of_any_shape_is_an_invalid_verification_never_an_exception() {
        var manifest = Provenance.manifestOf(facts);
        manifest.put("ratio", 0.5);
        var inputs = new byte[][] {new byte[0], "not json".getBytes(StandardCharsets.UTF_8), "[]".getBytes(),
                "{\"manifest\":1,\"signature\":2}".getBytes(), "{\"manifest\":{},\"signature\":\"...\"}".getBytes(),
                "{\"manifest\":{},\"signature\":\"a..b\"}".getBytes(), file(manifest, "e30..AAAA"),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x00}};

        for (var input : inputs) {
            var verification = provenance.verify(ASSET, input);
            assertThat(verification.valid()).isFalse();
            assertThat(verification.checks()).hasSize(4);
        }
    }

    @Test
    void the_manifest_speaks_c2pa_assertions() {
        var manifest = (JsonNode) json.readTree(provenance.sign(facts).file()).get("manifest");

        assertThat(manifest.get("claim_generator").stringValue()).isEqualTo("Atelier");
        assertThat(manifest.get("instance_id").stringValue()).isEqualTo("urn:uuid:" + facts.assetId());
        assertThat(manifest.get("format").stringValue()).isEqualTo("text/plain; charset=utf-8");
        var hash = ManifestVerifier.assertions(manifest, "c2pa.hash.data").getFirst();
        assertThat(hash.get("alg").stringValue()).isEqualTo("sha256");
        var created = ManifestVerifier.assertions(manifest, "c2pa.actions").getFirst().get("actions").get(0);
        assertThat(created.get("action").stringValue()).isEqualTo("c2pa.created");
        assertThat(created.get("digitalSourceType").stringValue())
                .isEqualTo("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
        assertThat(created.get("softwareAgent").stringValue()).isEqualTo("Atelier");
        assertThat(created.at("/parameters/atelier.modelVersion/id").stringValue())
                .isEqualTo(facts.modelVersionId().toString());
        var entries = ManifestVerifier.assertions(manifest, "c2pa.training-mining").getFirst().get("entries");
        assertThat(entries.propertyNames()).containsExactlyInAnyOrder("c2pa.ai_generative_training",
                "c2pa.ai_inference", "c2pa.ai_training", "c2pa.data_mining");
        assertThat(entries.valueStream()).allMatch(entry -> entry.get("use").stringValue().equals("notAllowed"));
        var work = ManifestVerifier.assertions(manifest, "stds.schema-org.CreativeWork").getFirst();
        assertThat(work.at("/author/0/name").stringValue()).isEqualTo("Ada Lovelace");
        assertThat(work.at("/copyrightHolder/name").stringValue()).isEqualTo("Ada Lovelace");
        var licence = ManifestVerifier.assertions(manifest, "atelier.licence").getFirst();
        assertThat(licence.get("licenceId").stringValue()).isEqualTo(facts.licenceId().toString());
        assertThat(licence.get("client").stringValue()).isEqualTo(facts.clientId().toString());
    }

    private byte[] file(ObjectNode manifest, String signature) {
        var file = json.createObjectNode();
        file.set("manifest", manifest);
        file.put("signature", signature);
        return json.writeValueAsBytes(file);
    }

    private static Verification.Check check(Verification verification, String name) {
        return verification.checks().stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow();
    }
}
