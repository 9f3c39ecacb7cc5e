package dev.atelier.identity;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies an account of any role. */
public record AccountId(@JsonValue UUID value) {

    public AccountId {
        Objects.requireNonNull(value, "account id must not be null");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    public static AccountId parse(String text) {
        return new AccountId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
