package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

class VerifyCommandTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path dataDir;
    private Path asset;
    private Path manifest;
    private Provenance provenance;

    @BeforeEach
    void signAnAsset() throws Exception {
        dataDir = dir.resolve("data");
        provenance = new Provenance(new SigningKey(dataDir));
        asset = Files.write(dir.resolve("story.txt"), ProvenanceTests.ASSET);
        manifest = Files.write(dir.resolve("story.manifest.json"),
                provenance.sign(ProvenanceTests.facts(ProvenanceTests.ASSET, "Ada Lovelace")).file());
    }

    @Test
    void a_valid_asset_prints_each_check_the_facts_and_valid_and_exits_0() {
        var code = run(asset.toString(), manifest.toString());

        assertThat(code).isZero();
        assertThat(text(out)).contains("ok    manifest", "ok    algorithm", "ok    signature", "ok    asset-hash")
                .contains("creatorName", "Ada Lovelace")
                .contains("Key:      " + provenance.signingKey().kid())
                .endsWith("VALID" + System.lineSeparator());
    }

    @Test
    void an_altered_asset_prints_invalid_and_exits_1() throws Exception {
        var altered = ProvenanceTests.ASSET.clone();
        altered[0] ^= 1;
        Files.write(asset, altered);

        var code = run(asset.toString(), manifest.toString());

        assertThat(code).isEqualTo(1);
        assertThat(text(out)).contains("FAIL  asset-hash").endsWith("INVALID" + System.lineSeparator());
    }

    @Test
    void the_key_can_come_from_the_jwk_the_platform_publishes() throws Exception {
        var jwk = Files.write(dir.resolve("key.jwk"), JsonMapper.builder().build()
                .writeValueAsBytes(provenance.signingKey()));

        var code = VerifyCommand.run(List.of(asset.toString(), manifest.toString(), "--key", jwk.toString()),
                dir.resolve("no-such-data-dir"), stream(out), stream(err));

        assertThat(code).isZero();
        assertThat(text(out)).contains("(" + jwk + ")");
    }

    @Test
    void another_platforms_key_makes_it_invalid() {
        new SigningKey(dir.resolve("other"));

        var code = VerifyCommand.run(List.of(asset.toString(), manifest.toString()), dir.resolve("other"),
                stream(out), stream(err));

        assertThat(code).isEqualTo(1);
        assertThat(text(out)).contains("FAIL  algorithm");
    }

    @Test
    void usage_errors_exit_2() {
        assertThat(run(asset.toString())).isEqualTo(2);
        assertThat(run(asset.toString(), dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(run(asset.toString(), manifest.toString(), "--key")).isEqualTo(2);
        assertThat(run(asset.toString(), manifest.toString(), "--unknown")).isEqualTo(2);
        assertThat(VerifyCommand.run(List.of(asset.toString(), manifest.toString()), dir.resolve("empty"),
                stream(out), stream(err))).isEqualTo(2);
        assertThat(text(err)).contains("Usage: atelier verify").contains("There is no signing key at");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void a_key_file_that_is_not_a_public_jwk_is_a_usage_error() throws Exception {
        var notJwk = Files.writeString(dir.resolve("key.json"), "{\"kty\":\"RSA\"}");

        assertThat(run(asset.toString(), manifest.toString(), "--key", notJwk.toString())).isEqualTo(2);
        assertThat(text(err)).contains("not an Ed25519 JWK");
    }

    private int run(String... args) {
        return VerifyCommand.run(List.of(args), dataDir, stream(out), stream(err));
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
