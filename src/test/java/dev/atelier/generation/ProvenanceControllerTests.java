package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

import dev.atelier.Api;
import dev.atelier.AtelierTest;

@AtelierTest
class ProvenanceControllerTests {

    @Autowired
    Api api;

    @Autowired
    Provenance provenance;

    @Test
    void anyone_can_fetch_the_public_signing_key_as_a_jwk() throws Exception {
        var body = api.body(api.mvc().perform(get("/.well-known/atelier-signing-key"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/jwk+json")));

        assertThat(body.get("kty").stringValue()).isEqualTo("OKP");
        assertThat(body.get("crv").stringValue()).isEqualTo("Ed25519");
        assertThat(body.get("alg").stringValue()).isEqualTo("EdDSA");
        assertThat(body.get("use").stringValue()).isEqualTo("sig");
        assertThat(body.get("kid").stringValue()).isEqualTo(provenance.signingKey().kid())
                .isEqualTo(PublicJwk.thumbprint(body.get("x").stringValue()));
        assertThat(body.has("d")).isFalse();
    }

    @Test
    void anyone_can_verify_an_asset_against_its_manifest_without_signing_in() throws Exception {
        var manifest = provenance.sign(ProvenanceTests.facts(ProvenanceTests.ASSET, "Grace Hopper")).file();

        api.mvc().perform(multipart("/api/verify").file(asset(ProvenanceTests.ASSET)).file(manifest(manifest)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.checks.length()").value(4))
                .andExpect(jsonPath("$.checks[*].passed").value(Matchers.everyItem(
                        Matchers.is(true))))
                .andExpect(jsonPath("$.keyId").value(provenance.signingKey().kid()))
                .andExpect(jsonPath("$.facts.creatorName").value("Grace Hopper"));
    }

    @Test
    void an_altered_asset_is_an_answer_not_an_error() throws Exception {
        var manifest = provenance.sign(ProvenanceTests.facts(ProvenanceTests.ASSET, "Grace Hopper")).file();
        var altered = ProvenanceTests.ASSET.clone();
        altered[1] ^= 1;

        api.mvc().perform(multipart("/api/verify").file(asset(altered)).file(manifest(manifest)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.checks[3].name").value("asset-hash"))
                .andExpect(jsonPath("$.checks[3].passed").value(false))
                .andExpect(jsonPath("$.facts").doesNotExist());
    }

    @Test
    void a_missing_part_is_a_problem() throws Exception {
        api.mvc().perform(multipart("/api/verify").file(asset(ProvenanceTests.ASSET)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Missing file"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("'manifest' is missing")));
    }

    @Test
    void a_manifest_that_is_not_json_is_a_problem() throws Exception {
        api.mvc().perform(multipart("/api/verify").file(asset(ProvenanceTests.ASSET))
                        .file(manifest("this is not json".getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Manifest is not JSON"));
    }

    @Test
    void parts_larger_than_any_manifest_or_text_asset_are_refused_before_reading() throws Exception {
        api.mvc().perform(multipart("/api/verify").file(asset(ProvenanceTests.ASSET))
                        .file(manifest(new byte[(int) ProvenanceController.MAX_MANIFEST_BYTES + 1])))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.title").value("Too large to verify"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("'manifest'")));
        api.mvc().perform(multipart("/api/verify")
                        .file(asset(new byte[(int) ProvenanceController.MAX_ASSET_BYTES + 1]))
                        .file(manifest("{}".getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("'asset'")));
    }

    private static MockMultipartFile asset(byte[] bytes) {
        return new MockMultipartFile("asset", "story.txt", "text/plain", bytes);
    }

    private static MockMultipartFile manifest(byte[] bytes) {
        return new MockMultipartFile("manifest", "story.manifest.json", "application/json", bytes);
    }
}
