package dev.atelier.subscription;

import java.time.Duration;
import java.time.Period;
import java.util.Currency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.atelier.ledger.Money;

/**
 * {@code atelier.subscription.*}: the plan creators pay for.
 *
 * @param planName what the plan is called in the UI
 * @param priceMinor the price per period in minor units (2500 = 25.00)
 * @param period how long one paid period lasts
 * @param renewalCheckInterval how often the renewal job looks for periods that have ended
 */
@ConfigurationProperties("atelier.subscription")
record SubscriptionSettings(
        @DefaultValue("Creator AI") String planName,
        @DefaultValue("2500") long priceMinor,
        @DefaultValue("USD") Currency currency,
        @DefaultValue("P1M") Period period,
        @DefaultValue("5m") Duration renewalCheckInterval) {

    SubscriptionSettings {
        if (priceMinor <= 0) {
            throw new IllegalArgumentException("atelier.subscription.price-minor must be positive, was " + priceMinor);
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("atelier.subscription.period must be positive, was " + period);
        }
    }

    Money price() {
        return new Money(priceMinor, currency);
    }
}
