package dev.atelier.identity;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/** What a person gives to open a creator or client account, from the form or the API. */
record SignUpForm(
        @NotBlank(message = "Enter your email address.")
        @Email(regexp = ".+@.+\\..+", message = "Enter an email address like name@example.com.")
        @Size(max = 254, message = "An email address has at most 254 characters.") @Nullable String email,
        @NotBlank(message = "Choose a password.")
        @Size(min = 10, max = 128, message = "Use a password of 10 to 128 characters.") @Nullable String password,
        @NotBlank(message = "Tell us the name to show.")
        @Size(max = 80, message = "A display name has at most 80 characters.") @Nullable String displayName,
        @NotNull(message = "Choose whether you join as a creator or a client.") @Nullable Role role) {

    @AssertTrue(message = "Only creator and client accounts can be opened by signing up.")
    boolean isRoleOpenToSignUp() {
        return role == null || role == Role.CREATOR || role == Role.CLIENT;
    }
}
