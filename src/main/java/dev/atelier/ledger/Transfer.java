package dev.atelier.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A request to move money: postings that sum to zero in one currency, written at most once per idempotency key.
 * The fingerprint identifies the request's content, so a retry with the same key can be told from a misuse of it.
 *
 * @param idempotencyKey unique per intended transaction; callers prefix it with their own scope
 * @param kind a short code such as {@code TOP_UP} or {@code SUBSCRIPTION}
 */
public record Transfer(String idempotencyKey, String kind, String memo, List<Leg> legs) {

    /** One posting: a positive amount credits the account (its balance grows), a negative one debits it. */
    public record Leg(AccountRef account, long amount) {
    }

    public Transfer {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("an idempotency key of 1 to 200 characters is required");
        }
        Objects.requireNonNull(kind, "kind must not be null");
        memo = memo == null ? "" : memo;
        legs = List.copyOf(legs);
        if (legs.size() < 2) {
            throw new IllegalArgumentException("a transfer needs at least two postings");
        }
        if (legs.stream().anyMatch(leg -> leg.amount() == 0)) {
            throw new IllegalArgumentException("a posting of zero moves nothing");
        }
        if (legs.stream().map(leg -> leg.account().currency()).distinct().count() != 1) {
            throw new IllegalArgumentException("all postings of a transfer must be in one currency");
        }
        if (legs.stream().mapToLong(Leg::amount).reduce(0, Math::addExact) != 0) {
            throw new IllegalArgumentException("postings must sum to zero");
        }
        if (new HashSet<>(legs.stream().map(Leg::account).toList()).size() != legs.size()) {
            throw new IllegalArgumentException("each account may appear once in a transfer");
        }
    }

    /** Moves {@code amount} from one account to another. */
    public static Transfer between(String idempotencyKey, String kind, String memo, AccountRef from, AccountRef to,
                                   Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("the amount must be positive, was " + amount);
        }
        return new Transfer(idempotencyKey, kind, memo,
                List.of(new Leg(from, -amount.minor()), new Leg(to, amount.minor())));
    }

    String fingerprint() {
        var canonical = new StringBuilder(kind).append('|').append(memo);
        legs.stream().sorted(Comparator.comparing(leg -> leg.account().handle()))
                .forEach(leg -> canonical.append('|').append(leg.account().handle()).append('=').append(leg.amount()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
