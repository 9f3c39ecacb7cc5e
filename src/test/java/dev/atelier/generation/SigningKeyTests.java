package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.node.JsonNodeFactory;

class SigningKeyTests {

    /* RFC 8037 appendix A: an Ed25519 key, its thumbprint (A.3) and a JWS it signed (A.4). */
    private static final String RFC_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private static final String RFC_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String RFC_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    private static final String RFC_HEADER = "eyJhbGciOiJFZERTQSJ9";
    private static final String RFC_SIGNATURE =
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    @TempDir
    Path dataDir;

    @Test
    void the_key_is_created_once_and_the_next_start_loads_the_same_one() {
        var first = new SigningKey(dataDir);
        var second = new SigningKey(dataDir);

        assertThat(second.publicJwk()).isEqualTo(first.publicJwk());
        var message = "same key".getBytes(StandardCharsets.UTF_8);
        assertThat(verifies(second.publicJwk(), message, first.sign(message))).isTrue();
        assertThat(dataDir.resolve("keys/signing-key.pem")).content().startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(dataDir.resolve("keys/signing-key.pub.pem")).content().startsWith("-----BEGIN PUBLIC KEY-----\n");
    }

    @Test
    void only_the_owner_may_read_the_private_key() throws Exception {
        new SigningKey(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("keys/signing-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("keys"))))
                .isEqualTo("rwx------");
    }

    @Test
    void another_data_directory_has_another_key() {
        assertThat(new SigningKey(dataDir.resolve("a")).keyId()).isNotEqualTo(new SigningKey(dataDir.resolve("b"))
                .keyId());
    }

    @Test
    void the_public_key_is_an_rfc_8037_jwk_whose_kid_is_its_rfc_7638_thumbprint() throws Exception {
        writeRfcKey();

        var jwk = new SigningKey(dataDir).publicJwk();

        assertThat(jwk).isEqualTo(new PublicJwk("OKP", "Ed25519", RFC_X, RFC_THUMBPRINT, "EdDSA", "sig"));
    }

    @Test
    void it_signs_exactly_as_the_rfc_8037_example_does() throws Exception {
        writeRfcKey();
        var key = new SigningKey(dataDir);
        var payload = "Example of Ed25519 signing".getBytes(StandardCharsets.UTF_8);

        var signature = key.sign(DetachedJws.signingInput(RFC_HEADER, payload));

        assertThat(PublicJwk.base64Url(signature)).isEqualTo(RFC_SIGNATURE);
    }

    @Test
    void a_missing_half_of_the_key_stops_the_start_instead_of_replacing_the_key() throws Exception {
        new SigningKey(dataDir);
        Files.delete(dataDir.resolve("keys/signing-key.pub.pem"));

        assertThatThrownBy(() -> new SigningKey(dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only one half of the signing key");
        assertThat(dataDir.resolve("keys/signing-key.pem")).exists();
    }

    @Test
    void a_jwk_with_a_private_part_is_refused_and_a_foreign_kid_is_replaced_by_the_thumbprint() {
        var json = JsonNodeFactory.instance;
        var withD = json.objectNode().put("kty", "OKP").put("crv", "Ed25519").put("x", RFC_X).put("d", RFC_D);
        var foreignKid = json.objectNode().put("kty", "OKP").put("crv", "Ed25519").put("x", RFC_X).put("kid", "k1");

        assertThatThrownBy(() -> PublicJwk.read(withD)).hasMessageContaining("private key");
        assertThat(PublicJwk.read(foreignKid).kid()).isEqualTo(RFC_THUMBPRINT);
        var set = json.objectNode();
        set.putArray("keys").add(foreignKid);
        assertThat(PublicJwk.read(set).x()).isEqualTo(RFC_X);
    }

    private void writeRfcKey() throws Exception {
        var keys = Files.createDirectories(dataDir.resolve("keys"));
        // PKCS#8 and SubjectPublicKeyInfo for Ed25519 are fixed DER prefixes (RFC 8410) followed by the raw key.
        var pkcs8 = concat(HexFormat.of().parseHex("302e020100300506032b657004220420"), decode(RFC_D));
        var spki = concat(HexFormat.of().parseHex("302a300506032b6570032100"), decode(RFC_X));
        Files.writeString(keys.resolve("signing-key.pem"), pem("PRIVATE KEY", pkcs8));
        Files.writeString(keys.resolve("signing-key.pub.pem"), pem("PUBLIC KEY", spki));
    }

    static boolean verifies(PublicJwk key, byte[] message, byte[] signature) {
        try {
            var verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.publicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] decode(String base64Url) {
        return Base64.getUrlDecoder().decode(base64Url);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }
}
