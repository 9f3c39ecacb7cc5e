package dev.atelier.generation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What verifying an asset against its manifest found, offline.
 *
 * @param valid whether every check passed: the platform's key signed this manifest and the asset is the one it
 *              describes, byte for byte
 * @param checks each check in order, passed or not, with what it found
 * @param keyId the key id the manifest's signature names, when it could be read
 * @param facts what the manifest states (asset, creator, offering, model version, licence), only when valid, so
 *              that nobody shows claims that did not verify
 */
record Verification(boolean valid, List<Check> checks, @Nullable String keyId, @Nullable Map<String, Object> facts) {

    Verification {
        checks = List.copyOf(checks);
        if (valid != (!checks.isEmpty() && checks.stream().allMatch(Check::passed))) {
            throw new IllegalArgumentException("a verification is valid exactly when all its checks passed");
        }
        if (!valid && facts != null) {
            throw new IllegalArgumentException("an invalid manifest's facts are not reported");
        }
        facts = facts == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /**
     * @param name {@code manifest}, {@code algorithm}, {@code signature} or {@code asset-hash}
     * @param detail what was found, for a person
     */
    record Check(String name, boolean passed, String detail) {
    }
}
