package dev.atelier.identity;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * A creator's application. In the HTML form, categories and links are comma-separated and Spring splits them.
 */
record ApplicationForm(
        @NotBlank(message = "Give a headline.")
        @Size(min = 5, max = 120, message = "A headline has 5 to 120 characters.") @Nullable String headline,
        @NotEmpty(message = "Name at least one category, such as copywriting.")
        @Size(max = 8, message = "Name at most 8 categories.")
        @Nullable List<@NotBlank @Size(max = 40, message = "A category has at most 40 characters.") String> categories,
        @Size(max = 10, message = "Give at most 10 portfolio links.")
        @Nullable List<@Pattern(regexp = "https?://[^\\s,]{3,500}",
                message = "Each link must start with http:// or https://.") String> portfolioLinks,
        @NotBlank(message = "Tell the reviewers about your work.")
        @Size(min = 50, max = 5000, message = "Write 50 to 5000 characters.") @Nullable String statement) {

    static ApplicationForm empty() {
        return new ApplicationForm("", List.of(), List.of(), "");
    }

    static ApplicationForm of(CreatorApplication application) {
        return new ApplicationForm(application.headline(), application.categories(), application.portfolioLinks(),
                application.statement());
    }
}
