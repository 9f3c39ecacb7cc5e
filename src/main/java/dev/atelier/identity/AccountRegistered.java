package dev.atelier.identity;

/** A person created an account. */
public record AccountRegistered(AccountId account, Role role) {
}
