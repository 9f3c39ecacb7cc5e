package dev.atelier.ledger;

import org.springframework.http.HttpStatus;

import dev.atelier.problem.ProblemException;

/** A debit would take a wallet or earnings account below zero; nothing was written. */
public class InsufficientFunds extends ProblemException {

    InsufficientFunds(AccountKind kind, Money shortOf) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Insufficient funds", "The " + kind.label().toLowerCase()
                + " holds less than the " + shortOf.format() + " this needs.");
    }
}
