package dev.atelier.ledger;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An amount in integer minor units (cents for USD) of one ISO 4217 currency. */
public record Money(long minor, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency must not be null");
    }

    public static Money of(long minor, String currencyCode) {
        return new Money(minor, currency(currencyCode));
    }

    /**
     * Reads a decimal amount such as {@code 25} or {@code 25.50}; more fraction digits than the currency has is an
     * error, never a rounding.
     */
    public static Money parse(String decimal, String currencyCode) {
        var currency = currency(currencyCode);
        final BigDecimal amount;
        try {
            amount = new BigDecimal(decimal.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + decimal + "' is not an amount; write it like 25.00");
        }
        try {
            return new Money(amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(currency.getCurrencyCode() + " amounts have at most "
                    + currency.getDefaultFractionDigits() + " decimals");
        }
    }

    public static Currency currency(String code) {
        try {
            return Currency.getInstance(code.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency code");
        }
    }

    public Money negate() {
        return new Money(Math.negateExact(minor), currency);
    }

    @JsonIgnore
    public boolean isPositive() {
        return minor > 0;
    }

    public BigDecimal decimal() {
        return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits());
    }

    /** Like {@code 25.00 USD}. */
    @JsonProperty("formatted")
    public String format() {
        return decimal().toPlainString() + " " + currency.getCurrencyCode();
    }

    @Override
    public String toString() {
        return format();
    }
}
