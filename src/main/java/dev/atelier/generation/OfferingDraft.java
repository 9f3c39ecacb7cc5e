package dev.atelier.generation;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a creator writes to publish or change an offering, from the editor or the API.
 *
 * @param modelVersion the ready version to sell; the active one when absent
 * @param price in the platform currency, e.g. 12.50
 * @param licenceTerms the licence the client gets; the platform's default when blank
 */
record OfferingDraft(
        @NotBlank @Size(max = 120) String title,
        @NotNull Offering.OutputKind outputKind,
        @NotBlank @Size(max = 2000) String description,
        @Size(max = 4000) @Nullable String guidance,
        @NotNull Pricing pricing,
        @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01") @Digits(integer = 7, fraction = 2)
        BigDecimal price,
        @Min(0) @Max(100) int freePreviewsPerDay,
        boolean reviewBeforeRelease,
        @Size(max = 8000) @Nullable String licenceTerms,
        @Nullable UUID modelVersion) {
}
