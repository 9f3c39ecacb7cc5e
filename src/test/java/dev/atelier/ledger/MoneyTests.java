package dev.atelier.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void parses_decimal_amounts_exactly_in_minor_units() {
        assertThat(Money.parse("25", "USD").minor()).isEqualTo(2_500);
        assertThat(Money.parse(" 25.5 ", "usd").minor()).isEqualTo(2_550);
        assertThat(Money.parse("1000", "JPY").minor()).isEqualTo(1_000);
        assertThat(Money.parse("0.01", "USD").format()).isEqualTo("0.01 USD");
    }

    @Test
    void refuses_amounts_it_would_have_to_round_or_cannot_read() {
        assertThatThrownBy(() -> Money.parse("1.005", "USD")).hasMessage("USD amounts have at most 2 decimals");
        assertThatThrownBy(() -> Money.parse("ten", "USD")).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> Money.parse("10", "XXQ")).hasMessageContaining("not an ISO 4217 currency code");
    }
}
