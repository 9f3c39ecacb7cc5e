package dev.atelier.identity;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Accounts")
class SetupController {

    record SetupRequest(@NotBlank(message = "Enter the setup token from the log.") String token,
                        @Valid NewReviewer admin) {
    }

    private final FirstAdmin firstAdmin;

    SetupController(FirstAdmin firstAdmin) {
        this.firstAdmin = firstAdmin;
    }

    @PostMapping("/api/setup")
    @Operation(summary = "Create the first admin with the one-time token printed to the log", security = {})
    ResponseEntity<Account> setUp(@Valid @RequestBody SetupRequest request) {
        var admin = firstAdmin.complete(request.token(), request.admin());
        return ResponseEntity.created(URI.create("/api/accounts/me")).body(admin);
    }
}
