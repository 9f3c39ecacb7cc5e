package dev.atelier.ledger;

import java.util.Currency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.ledger.*}.
 *
 * @param currency the platform's currency: wallets shown and topped up in the UI use it
 */
@ConfigurationProperties("atelier.ledger")
public record LedgerSettings(@DefaultValue("USD") Currency currency) {
}
