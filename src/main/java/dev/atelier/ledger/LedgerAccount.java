package dev.atelier.ledger;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.atelier.identity.AccountId;

/** One ledger account and its balance at the time it was read. */
public record LedgerAccount(UUID id, AccountKind kind, @Nullable AccountId owner, Money balance) {

    public boolean ownedBy(AccountId account) {
        return account.equals(owner);
    }
}
