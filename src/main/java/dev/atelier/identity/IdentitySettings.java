package dev.atelier.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.identity.*}: password hashing cost and the sign-in throttle.
 *
 * @param bcryptStrength log2 rounds of BCrypt; 12 costs about a quarter of a second on a small server
 * @param maxFailuresPerAccount failed sign-ins one account may see within {@code failureWindow}
 * @param maxFailuresPerIp failed sign-ins one address may cause within {@code failureWindow}
 * @param failureWindow how long a failure counts against the limits
 */
@ConfigurationProperties("atelier.identity")
record IdentitySettings(
        @DefaultValue("12") int bcryptStrength,
        @DefaultValue("5") int maxFailuresPerAccount,
        @DefaultValue("20") int maxFailuresPerIp,
        @DefaultValue("15m") Duration failureWindow) {

    IdentitySettings {
        if (bcryptStrength < 4 || bcryptStrength > 31) {
            throw new IllegalArgumentException("atelier.identity.bcrypt-strength must be between 4 and 31, was " + bcryptStrength);
        }
        if (maxFailuresPerAccount < 1 || maxFailuresPerIp < 1) {
            throw new IllegalArgumentException("sign-in failure limits must be positive");
        }
    }
}
