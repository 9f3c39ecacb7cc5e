package dev.atelier.generation;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.generation.*}: the marketplace's rules.
 *
 * @param platformFeePercent the platform's share of each sale, 0 to 100 (at most two decimals); the creator's
 *        earnings are the rest. The fee is rounded down to the cent, so rounding favours the creator.
 * @param previewCandidates how many drafts a preview writes before the style model picks the best
 * @param previewShare the share of the chosen draft's words a preview shows; the rest is held back
 * @param exemplars how many passages of the creator's work go into the prompt
 * @param exemplarCharacters each passage is cut to this many characters, so that a long one cannot crowd out the
 *        brief or overflow the engine's context
 * @param maxTokens the longest generation a preview or purchase writes
 * @param timeout how long one generation may run
 * @param defaultLicence the licence terms an offering starts with
 */
@ConfigurationProperties("atelier.generation")
record GenerationSettings(
        @DefaultValue("20") BigDecimal platformFeePercent,
        @DefaultValue("2") int previewCandidates,
        @DefaultValue("0.4") double previewShare,
        @DefaultValue("4") int exemplars,
        @DefaultValue("1200") int exemplarCharacters,
        @DefaultValue("400") int maxTokens,
        @DefaultValue("2m") Duration timeout,
        @DefaultValue(DEFAULT_LICENCE) String defaultLicence) {

    static final String DEFAULT_LICENCE = "The creator grants the client a perpetual, worldwide, non-exclusive licence "
            + "to use, copy, adapt, publish and sell the purchased asset for any commercial or non-commercial purpose. "
            + "The creator keeps the copyright and the right to be named as its author. The asset is marked "
            + "do-not-train: neither party may use it to train, fine-tune or evaluate an AI model.";

    GenerationSettings {
        if (platformFeePercent.signum() < 0 || platformFeePercent.compareTo(BigDecimal.valueOf(100)) > 0
                || platformFeePercent.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("atelier.generation.platform-fee-percent must be between 0 and 100 "
                    + "with at most two decimals, was " + platformFeePercent);
        }
        if (previewCandidates < 1 || previewCandidates > 8) {
            throw new IllegalArgumentException("atelier.generation.preview-candidates must be 1 to 8, was "
                    + previewCandidates);
        }
        if (!(previewShare > 0 && previewShare < 1)) {
            throw new IllegalArgumentException("atelier.generation.preview-share must be between 0 and 1 (exclusive), was "
                    + previewShare);
        }
        if (exemplars < 0 || exemplars > 20) {
            throw new IllegalArgumentException("atelier.generation.exemplars must be 0 to 20, was " + exemplars);
        }
        if (exemplarCharacters < 100 || exemplarCharacters > 20_000) {
            throw new IllegalArgumentException("atelier.generation.exemplar-characters must be 100 to 20000, was "
                    + exemplarCharacters);
        }
        if (maxTokens < 16 || maxTokens > 8192) {
            throw new IllegalArgumentException("atelier.generation.max-tokens must be 16 to 8192, was " + maxTokens);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("atelier.generation.timeout must be positive, was " + timeout);
        }
        if (defaultLicence.isBlank()) {
            throw new IllegalArgumentException("atelier.generation.default-licence must not be blank");
        }
    }

    /** The platform's fee on a price, rounded down to the minor unit. */
    long feeOn(long priceMinor) {
        return BigDecimal.valueOf(priceMinor).multiply(platformFeePercent).divideToIntegralValue(BigDecimal.valueOf(100))
                .longValueExact();
    }
}
