package dev.atelier.identity;

import java.util.Optional;

import org.springframework.stereotype.Component;

/** Looks accounts up for other modules. */
@Component
public class Accounts {

    private final AccountRepository repository;

    Accounts(AccountRepository repository) {
        this.repository = repository;
    }

    public Optional<Account> find(AccountId id) {
        return repository.findById(id);
    }

    public Optional<Account> findByEmail(String email) {
        return repository.findByEmail(email);
    }
}
