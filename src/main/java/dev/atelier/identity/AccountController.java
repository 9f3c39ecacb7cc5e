package dev.atelier.identity;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api")
@Tag(name = "Accounts", description = "Sign-up, your account, reviewers and the audit log")
class AccountController {

    private final Registration registration;
    private final AccountRepository accounts;
    private final AuditLog audit;

    AccountController(Registration registration, AccountRepository accounts, AuditLog audit) {
        this.registration = registration;
        this.accounts = accounts;
        this.audit = audit;
    }

    @PostMapping("/accounts")
    @Operation(summary = "Sign up as a creator or a client", security = {})
    ResponseEntity<Account> signUp(@Valid @RequestBody SignUpForm form) {
        var account = registration.signUp(form);
        return ResponseEntity.created(URI.create("/api/accounts/me")).body(account);
    }

    @GetMapping("/accounts/me")
    @Operation(summary = "The account you are signed in as")
    Account me(@AuthenticationPrincipal SignedInAccount me) {
        return accounts.findById(me.id()).orElseThrow();
    }


    @PostMapping("/admin/reviewers")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Open a reviewer account (admins only)")
    ResponseEntity<Account> addReviewer(@Valid @RequestBody NewReviewer form) {
        var account = registration.open(form.email(), form.password(), Role.REVIEWER, form.displayName());
        return ResponseEntity.created(URI.create("/api/accounts/" + account.id())).body(account);
    }

    @GetMapping("/audit")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The latest audit log entries, newest first (admins only)")
    List<AuditLog.Entry> audit(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return audit.latest(limit);
    }
}
