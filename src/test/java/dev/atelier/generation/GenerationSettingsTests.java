package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GenerationSettingsTests {

    private static GenerationSettings fee(String percent) {
        return new GenerationSettings(new BigDecimal(percent), 2, 0.4, 4, 1200, 400, Duration.ofMinutes(2),
                GenerationSettings.DEFAULT_LICENCE);
    }

    @Test
    void the_fee_is_rounded_down_to_the_cent_so_rounding_favours_the_creator() {
        assertThat(fee("20").feeOn(1234)).isEqualTo(246);
        assertThat(fee("20").feeOn(1)).isZero();
        assertThat(fee("12.5").feeOn(999)).isEqualTo(124);
        assertThat(fee("0").feeOn(500)).isZero();
        assertThat(fee("100").feeOn(500)).isEqualTo(500);
    }

    @Test
    void settings_out_of_range_fail_with_the_key_named() {
        assertThatThrownBy(() -> fee("101")).hasMessageContaining("platform-fee-percent");
        assertThatThrownBy(() -> fee("1.234")).hasMessageContaining("platform-fee-percent");
        assertThatThrownBy(() -> new GenerationSettings(BigDecimal.TEN, 0, 0.4, 4, 1200, 400, Duration.ofMinutes(1), "x"))
                .hasMessageContaining("preview-candidates");
        assertThatThrownBy(() -> new GenerationSettings(BigDecimal.TEN, 2, 1.0, 4, 1200, 400, Duration.ofMinutes(1), "x"))
                .hasMessageContaining("preview-share");
    }
}
