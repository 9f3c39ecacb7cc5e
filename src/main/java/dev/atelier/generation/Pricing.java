package dev.atelier.generation;

import dev.atelier.ledger.Money;

/** How an offering's price applies to one generation. */
public enum Pricing {
    /** The price is for one generated asset, however long. */
    PER_GENERATION,
    /** The price is for every started hundred words of the asset. */
    PER_100_WORDS;

    /** The price of an asset of this many words, at {@code unit} per generation or per started 100 words. */
    public Money price(Money unit, int words) {
        return switch (this) {
            case PER_GENERATION -> unit;
            case PER_100_WORDS -> new Money(Math.multiplyExact(unit.minor(), Math.max(1, Math.ceilDiv(words, 100))),
                    unit.currency());
        };
    }

    public String label() {
        return switch (this) {
            case PER_GENERATION -> "per generation";
            case PER_100_WORDS -> "per 100 words";
        };
    }
}
