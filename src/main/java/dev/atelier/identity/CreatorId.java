package dev.atelier.identity;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The account id of a creator, as a type of its own: every file path, index and query that touches a creator's data
 * takes one, so that nothing can reach creator data by a bare id of any account.
 */
public record CreatorId(@JsonValue UUID value) {

    public CreatorId {
        Objects.requireNonNull(value, "creator id must not be null");
    }

    public static CreatorId of(AccountId account) {
        return new CreatorId(account.value());
    }

    public static CreatorId parse(String text) {
        return new CreatorId(UUID.fromString(text));
    }

    public AccountId account() {
        return new AccountId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
