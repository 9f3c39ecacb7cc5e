package dev.atelier.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An admin opens a reviewer account with these. */
record NewReviewer(
        @NotBlank @Email(regexp = ".+@.+\\..+", message = "Enter an email address like name@example.com.")
        @Size(max = 254) String email,
        @NotBlank @Size(min = 10, max = 128, message = "Use a password of 10 to 128 characters.") String password,
        @NotBlank @Size(max = 80) String displayName) {
}
