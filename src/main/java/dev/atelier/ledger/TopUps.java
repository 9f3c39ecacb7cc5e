package dev.atelier.ledger;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.atelier.identity.Accounts;
import dev.atelier.identity.AuditLog;
import dev.atelier.identity.Role;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;

/**
 * Money entering wallets from outside: admins record a payment received; in dev mode a person may credit
 * themselves. Idempotency keys are scoped to the person who sends them, and each top-up is audited with the money.
 */
@Component
class TopUps {

    private final Ledger ledger;
    private final Accounts accounts;
    private final AuditLog audit;
    private final LedgerSettings settings;
    private final boolean devMode;

    TopUps(Ledger ledger, Accounts accounts, AuditLog audit, LedgerSettings settings,
           @Value("${atelier.dev-mode:false}") boolean devMode) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.devMode = devMode;
    }

    Receipt byAdmin(SignedInAccount admin, String key, String email, long amountMinor, @Nullable String currency,
                    @Nullable String memo) {
        if (!admin.is(Role.ADMIN)) {
            throw ProblemException.forbidden("Forbidden", "Only admins may top up wallets.");
        }
        var owner = accounts.findByEmail(email).orElseThrow(() -> ProblemException.unprocessable(
                "Unknown account", "There is no account with the email " + email.trim() + "."));
        var money = new Money(amountMinor, currency == null ? settings.currency() : Money.currency(currency));
        var note = memo == null || memo.isBlank() ? "Top-up by " + admin.email() : memo.trim();
        var transfer = Transfer.between("top-up:" + admin.id() + ":" + key, "TOP_UP", note,
                AccountRef.platform(AccountKind.EXTERNAL_CASH, money.currency()),
                AccountRef.wallet(owner.id(), money.currency()), money);
        return ledger.post(transfer, receipt -> audit.record(admin.id(), admin.email(), "WALLET_TOPPED_UP",
                "account:" + owner.id(), money.format() + " (" + note + ")"));
    }

    Receipt self(SignedInAccount me, String key, long amountMinor) {
        if (!devMode) {
            throw ProblemException.notFound("Not available", "Self top-ups exist only in dev mode.");
        }
        var money = new Money(amountMinor, settings.currency());
        var transfer = Transfer.between("dev-top-up:" + me.id() + ":" + key, "DEV_TOP_UP", "Dev-mode top-up",
                AccountRef.platform(AccountKind.EXTERNAL_CASH, money.currency()),
                AccountRef.wallet(me.id(), money.currency()), money);
        return ledger.post(transfer, receipt -> audit.record(me.id(), me.email(), "WALLET_DEV_TOPPED_UP",
                "account:" + me.id(), money.format()));
    }
}
