package dev.atelier.subscription;

import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/subscription")
@PreAuthorize("hasRole('CREATOR')")
@Tag(name = "Subscription", description = "The creators' plan and the AI-features entitlement")
class SubscriptionController {

    private final Subscriptions subscriptions;
    private final Entitlements entitlements;

    SubscriptionController(Subscriptions subscriptions, Entitlements entitlements) {
        this.subscriptions = subscriptions;
        this.entitlements = entitlements;
    }

    @GetMapping
    @Operation(summary = "Your subscription")
    Subscription mine(@AuthenticationPrincipal SignedInAccount me) {
        return subscriptions.of(me.id()).orElseThrow(() -> ProblemException.notFound("Not subscribed",
                "You have no subscription. POST /api/subscription with an Idempotency-Key to subscribe."));
    }

    @PostMapping
    @Operation(summary = "Subscribe: charges the first period to your wallet. Repeat with the same key safely.")
    ResponseEntity<Subscription> subscribe(@AuthenticationPrincipal SignedInAccount me,
                                           @RequestHeader("Idempotency-Key") @Size(min = 1, max = 100) String key) {
        return ResponseEntity.status(HttpStatus.CREATED).body(subscriptions.subscribe(me, key));
    }

    @PostMapping("/cancel")
    @Operation(summary = "Cancel at the end of the paid period")
    Subscription cancel(@AuthenticationPrincipal SignedInAccount me) {
        return subscriptions.cancel(me);
    }

    @PostMapping("/resume")
    @Operation(summary = "Undo a cancellation before the period ends")
    Subscription resume(@AuthenticationPrincipal SignedInAccount me) {
        return subscriptions.resume(me);
    }

    @GetMapping("/entitlement")
    @Operation(summary = "May you use AI features now? If not, the reason")
    Entitlement entitlement(@AuthenticationPrincipal SignedInAccount me) {
        return entitlements.check(me.id());
    }
}
