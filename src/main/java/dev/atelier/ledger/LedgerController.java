package dev.atelier.ledger;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.atelier.identity.AccountId;
import dev.atelier.identity.Role;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/ledger")
@Tag(name = "Ledger", description = "Balances, statements and top-ups. Money-moving calls need an Idempotency-Key header.")
class LedgerController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    record TopUpRequest(
            @NotBlank(message = "Name the account to top up by its email.") @Nullable String email,
            @Positive(message = "The amount must be positive.")
            @Max(value = 100_000_000, message = "A single top-up is at most 1,000,000.00.") long amountMinor,
            @Nullable @Pattern(regexp = "[A-Z]{3}", message = "Use an ISO currency code such as USD.") String currency,
            @Nullable @Size(max = 200, message = "A memo has at most 200 characters.") String memo) {
    }

    record DevTopUpRequest(
            @Positive(message = "The amount must be positive.")
            @Max(value = 1_000_000, message = "A dev-mode top-up is at most 10,000.00.") long amountMinor) {
    }

    private final Ledger ledger;
    private final TopUps topUps;

    LedgerController(Ledger ledger, TopUps topUps) {
        this.ledger = ledger;
        this.topUps = topUps;
    }

    @GetMapping("/accounts")
    @Operation(summary = "Your ledger accounts; admins may name another owner")
    List<LedgerAccount> accounts(@AuthenticationPrincipal SignedInAccount me,
                                 @RequestParam(required = false) @Nullable UUID owner) {
        if (owner != null && !owner.equals(me.id().value())) {
            if (!me.is(Role.ADMIN)) {
                throw ProblemException.forbidden("Forbidden", "Only admins may list another account's ledger.");
            }
            return ledger.accountsOf(new AccountId(owner));
        }
        return ledger.accountsOf(me.id());
    }

    @GetMapping("/accounts/{id}")
    @Operation(summary = "One of your ledger accounts and its balance")
    LedgerAccount account(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return visible(me, id);
    }

    @GetMapping("/accounts/{id}/postings")
    @Operation(summary = "The account's statement, newest first; page with 'before' = the last posting id seen")
    List<StatementLine> statement(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                                  @RequestParam(required = false) @Nullable Long before,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        visible(me, id);
        return ledger.statement(id, before, limit);
    }

    @PostMapping("/top-ups")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Credit a wallet with money received outside the platform (admins)")
    ResponseEntity<Receipt> topUp(@AuthenticationPrincipal SignedInAccount me,
                                  @RequestHeader(IDEMPOTENCY_KEY) @Size(min = 1, max = 100) String key,
                                  @Valid @RequestBody TopUpRequest request) {
        var receipt = topUps.byAdmin(me, key, Objects.requireNonNull(request.email()), request.amountMinor(),
                request.currency(), request.memo());
        return created(receipt);
    }

    @PostMapping("/dev/top-ups")
    @Operation(summary = "Top up your own wallet; exists only when atelier.dev-mode=true")
    ResponseEntity<Receipt> devTopUp(@AuthenticationPrincipal SignedInAccount me,
                                     @RequestHeader(IDEMPOTENCY_KEY) @Size(min = 1, max = 100) String key,
                                     @Valid @RequestBody DevTopUpRequest request) {
        return created(topUps.self(me, key, request.amountMinor()));
    }

    static ResponseEntity<Receipt> created(Receipt receipt) {
        return ResponseEntity.status(HttpStatus.CREATED).header(REPLAYED, Boolean.toString(receipt.replayed()))
                .body(receipt);
    }

    /** Another person's account is answered as absent, so that ids cannot be probed. */
    private LedgerAccount visible(SignedInAccount me, UUID id) {
        return ledger.account(id)
                .filter(account -> account.ownedBy(me.id()) || me.is(Role.ADMIN))
                .orElseThrow(() -> ProblemException.notFound("No such ledger account",
                        "You have no ledger account with id " + id + "."));
    }
}
