package dev.atelier.identity;

/** A reviewer decided on a creator's application. */
public record CreatorVetted(AccountId creator, VettingStatus status) {
}
