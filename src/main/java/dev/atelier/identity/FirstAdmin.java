package dev.atelier.identity;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.atelier.problem.ProblemException;

/**
 * Makes sure a fresh installation can get its first admin: from {@code ATELIER_ADMIN_EMAIL} and
 * {@code ATELIER_ADMIN_PASSWORD} on first start, or else through {@code /setup} with a one-time token printed to the
 * log. The token lives only in memory; a restart prints a new one until an admin exists.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    @ConfigurationProperties("atelier.admin")
    record Bootstrap(@Nullable String email, @Nullable String password) {
    }

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AccountRepository accounts;
    private final Registration registration;
    private final Bootstrap bootstrap;
    private @Nullable String tokenHash;

    FirstAdmin(AccountRepository accounts, Registration registration, Bootstrap bootstrap) {
        this.accounts = accounts;
        this.registration = registration;
        this.bootstrap = bootstrap;
    }

    @Override
    public synchronized void run(ApplicationArguments args) {
        if (accounts.anyWithRole(Role.ADMIN)) {
            return;
        }
        if (bootstrap.email() != null && !bootstrap.email().isBlank() && bootstrap.password() != null
                && !bootstrap.password().isBlank()) {
            registration.open(bootstrap.email(), bootstrap.password(), Role.ADMIN, "Administrator");
            log.info("Created the first admin account {} from ATELIER_ADMIN_EMAIL.", bootstrap.email());
            return;
        }
        var bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        var token = HexFormat.of().formatHex(bytes);
        tokenHash = ApiKeys.sha256(token);
        log.warn("""

                ==========================================================================
                 No admin account yet. Open /setup and enter this one-time setup token:
                     {}
                 (or set ATELIER_ADMIN_EMAIL and ATELIER_ADMIN_PASSWORD and restart)
                ==========================================================================""", token);
    }

    synchronized boolean open() {
        return tokenHash != null;
    }

    /** Creates the first admin if the token matches; the token cannot be used twice. */
    synchronized Account complete(String token, NewReviewer form) {
        var expected = tokenHash;
        if (expected == null || accounts.anyWithRole(Role.ADMIN)) {
            throw ProblemException.conflict("Setup finished", "An admin account exists already; sign in instead.");
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                ApiKeys.sha256(token.trim()).getBytes(StandardCharsets.UTF_8))) {
            throw ProblemException.forbidden("Wrong setup token", "That is not the setup token printed in the log.");
        }
        var admin = registration.open(form.email(), form.password(), Role.ADMIN, form.displayName());
        tokenHash = null;
        return admin;
    }
}
