package dev.atelier.identity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** What other modules may know of an account: never its password hash. */
public record Account(AccountId id, String email, Role role, String displayName, Instant createdAt) {

    @JsonIgnore
    public boolean isCreator() {
        return role == Role.CREATOR;
    }
}
