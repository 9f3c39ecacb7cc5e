package dev.atelier.identity;

import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Opens accounts: hashes the password, stores the account, audits and announces it in one transaction. */
@Component
class Registration {

    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Registration(AccountRepository accounts, PasswordEncoder passwords, AuditLog audit,
                 ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
        this.events = events;
    }

    /** Expects a validated form. */
    @Transactional
    Account signUp(SignUpForm form) {
        return open(Objects.requireNonNull(form.email()), Objects.requireNonNull(form.password()),
                Objects.requireNonNull(form.role()), Objects.requireNonNull(form.displayName()));
    }

    @Transactional
    Account open(String email, String password, Role role, String displayName) {
        var account = accounts.create(email, passwords.encode(password), role, displayName);
        var detail = "role " + role + ", " + account.email();
        if (SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof SignedInAccount) {
            audit.record("ACCOUNT_CREATED", "account:" + account.id(), detail);
        } else {
            audit.record(account.id(), account.email(), "ACCOUNT_CREATED", "account:" + account.id(), detail);
        }
        events.publishEvent(new AccountRegistered(account.id(), role));
        return account;
    }
}
