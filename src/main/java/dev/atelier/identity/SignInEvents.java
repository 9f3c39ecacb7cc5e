package dev.atelier.identity;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Feeds sign-in outcomes to the throttle and the audit log. */
@Component
class SignInEvents {

    private final LoginThrottle throttle;
    private final AuditLog audit;

    SignInEvents(LoginThrottle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        var email = event.getAuthentication().getName();
        var ip = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        throttle.failed(email, ip == null ? "unknown" : ip);
        audit.record(null, email, "SIGN_IN_FAILED", "account-email:" + email,
                event.getException().getClass().getSimpleName());
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof SignedInAccount account) {
            throttle.succeeded(account.email());
            audit.record(account.id(), account.email(), "SIGNED_IN", "account:" + account.id(), null);
        }
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof SignedInAccount account) {
            audit.record(account.id(), account.email(), "SIGNED_OUT", "account:" + account.id(), null);
        }
    }
}
