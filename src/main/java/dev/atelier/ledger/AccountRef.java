package dev.atelier.ledger;

import java.util.Currency;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.atelier.identity.AccountId;

/** Names a ledger account by what it is for; the account is opened on first use. */
public record AccountRef(AccountKind kind, @Nullable AccountId owner, Currency currency) {

    public AccountRef {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(currency, "currency must not be null");
        if (kind.owned() != (owner != null)) {
            throw new IllegalArgumentException(kind + (kind.owned() ? " accounts need an owner" : " accounts have no owner"));
        }
    }

    public static AccountRef wallet(AccountId owner, Currency currency) {
        return new AccountRef(AccountKind.WALLET, owner, currency);
    }

    public static AccountRef earnings(AccountId creator, Currency currency) {
        return new AccountRef(AccountKind.EARNINGS, creator, currency);
    }

    public static AccountRef platform(AccountKind kind, Currency currency) {
        return new AccountRef(kind, null, currency);
    }

    /** The unique name of the account in the database. */
    String handle() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + (owner == null ? "platform" : owner) + ":"
                + currency.getCurrencyCode();
    }
}
