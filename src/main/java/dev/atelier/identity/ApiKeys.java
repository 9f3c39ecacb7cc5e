package dev.atelier.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys: {@code atl_} followed by 192 random bits. Only the SHA-256 of a key is stored; a key has enough entropy
 * that a slow hash adds nothing, and a fast one keeps per-request authentication cheap. The secret is shown once.
 */
@Component
class ApiKeys {

    static final String TOKEN_PREFIX = "atl_";
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    record ApiKey(UUID id, String name, String prefix, Instant createdAt, @Nullable Instant lastUsedAt,
                  @Nullable Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    record IssuedKey(ApiKey key, String secret) {
    }

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    IssuedKey issue(AccountId owner, String name) {
        var bytes = new byte[24];
        random.nextBytes(bytes);
        var secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var key = new ApiKey(UUID.randomUUID(), name.trim(), secret.substring(0, 12), clock.instant(), null, null);
        jdbc.sql("""
                        insert into api_key (id, account_id, name, prefix, secret_hash, created_at)
                        values (:id, :owner, :name, :prefix, :hash, :created)""")
                .param("id", key.id())
                .param("owner", owner.value())
                .param("name", key.name())
                .param("prefix", key.prefix())
                .param("hash", sha256(secret))
                .param("created", utc(key.createdAt()))
                .update();
        audit.record("API_KEY_CREATED", "api-key:" + key.id(), key.name());
        return new IssuedKey(key, secret);
    }

    List<ApiKey> of(AccountId owner) {
        return jdbc.sql("""
                        select id, name, prefix, created_at, last_used_at, revoked_at from api_key
                        where account_id = :owner order by created_at desc""")
                .param("owner", owner.value())
                .query((rs, n) -> new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("prefix"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        instant(rs.getObject("last_used_at", OffsetDateTime.class)),
                        instant(rs.getObject("revoked_at", OffsetDateTime.class))))
                .list();
    }

    /** Revokes one of the owner's keys; another account's key is treated as absent. */
    @Transactional
    boolean revoke(AccountId owner, UUID keyId) {
        var changed = jdbc.sql("""
                        update api_key set revoked_at = :now
                        where id = :id and account_id = :owner and revoked_at is null""")
                .param("now", utc(clock.instant()))
                .param("id", keyId)
                .param("owner", owner.value())
                .update();
        if (changed == 1) {
            audit.record("API_KEY_REVOKED", "api-key:" + keyId, null);
        }
        return changed == 1 || of(owner).stream().anyMatch(key -> key.id().equals(keyId));
    }

    Optional<SignedInAccount> authenticate(String secret) {
        if (!secret.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        record Match(UUID keyId, SignedInAccount account) {
        }
        var match = jdbc.sql("""
                        select k.id as key_id, a.id, a.email, a.password_hash, a.role, a.display_name, a.created_at
                        from api_key k join account a on a.id = k.account_id
                        where k.secret_hash = :hash and k.revoked_at is null""")
                .param("hash", sha256(secret))
                .query((rs, n) -> new Match(rs.getObject("key_id", UUID.class),
                        new SignedInAccount(AccountRepository.account(rs, n), null)))
                .optional();
        match.ifPresent(found -> touch(found.keyId(), clock.instant()));
        return match.map(Match::account);
    }

    /** Records use at most once a minute per key, so that busy keys do not turn every request into a write. */
    private void touch(UUID keyId, Instant now) {
        jdbc.sql("""
                        update api_key set last_used_at = :now
                        where id = :id and (last_used_at is null or last_used_at < :stale)""")
                .param("now", utc(now))
                .param("stale", utc(now.minus(LAST_USED_RESOLUTION)))
                .param("id", keyId)
                .update();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
