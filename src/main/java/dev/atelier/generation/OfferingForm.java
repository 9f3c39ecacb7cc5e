package dev.atelier.generation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The offering editor's form. Numbers stay text so that a mistyped one comes back to the creator as they typed
 * it, with a message; {@link #draft()} turns a valid form into what {@link Offerings} takes. An unticked
 * checkbox sends nothing, so review before release is off unless it is sent.
 */
record OfferingForm(
        @NotBlank(message = "Give the offering a title.")
        @Size(max = 120, message = "A title has at most 120 characters.") @Nullable String title,
        Offering.@Nullable OutputKind outputKind,
        @NotBlank(message = "Tell clients what they get.")
        @Size(max = 2000, message = "A description has at most 2000 characters.") @Nullable String description,
        @Size(max = 4000, message = "Guidance has at most 4000 characters.") @Nullable String guidance,
        @NotNull(message = "Choose how the price applies.") @Nullable Pricing pricing,
        @NotBlank(message = "Give a price, like 12.50.")
        @Pattern(regexp = "\\s*(?!0*(\\.0*)?\\s*$)\\d{1,7}(\\.\\d{1,2})?\\s*",
                message = "Write a price of at least 0.01, like 12.50 (at most two decimals).")
        @Nullable String price,
        @NotBlank(message = "Give a number of free previews, 0 for none.")
        @Pattern(regexp = "\\s*(100|[1-9]?\\d)\\s*",
                message = "Allow a whole number from 0 to 100 free previews a day.")
        @Nullable String freePreviewsPerDay,
        @Nullable Boolean reviewBeforeRelease,
        @Size(max = 8000, message = "Licence terms have at most 8000 characters.") @Nullable String licenceTerms,
        @Nullable UUID modelVersion) {

    static OfferingForm empty(String defaultLicence, @Nullable UUID activeVersion) {
        return new OfferingForm("", Offering.OutputKind.TEXT, "", "", Pricing.PER_GENERATION, "5.00", "3", false,
                defaultLicence, activeVersion);
    }

    static OfferingForm of(Offering offering) {
        return new OfferingForm(offering.title(), offering.outputKind(), offering.description(), offering.guidance(),
                offering.pricing(), offering.price().decimal().toPlainString(),
                String.valueOf(offering.freePreviewsPerDay()), offering.reviewBeforeRelease(), offering.licenceTerms(),
                offering.modelVersion().value());
    }

    /** Only for a form that passed validation. */
    OfferingDraft draft() {
        return new OfferingDraft(Objects.requireNonNull(title),
                outputKind == null ? Offering.OutputKind.TEXT : outputKind, Objects.requireNonNull(description),
                guidance, Objects.requireNonNull(pricing), new BigDecimal(Objects.requireNonNull(price).strip()),
                Integer.parseInt(Objects.requireNonNull(freePreviewsPerDay).strip()),
                Boolean.TRUE.equals(reviewBeforeRelease), licenceTerms, modelVersion);
    }
}
