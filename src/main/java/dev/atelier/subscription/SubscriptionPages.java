package dev.atelier.subscription;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;

/** The subscription buttons on the creator's dashboard. The subscribe form carries its own idempotency key. */
@Controller
@PreAuthorize("hasRole('CREATOR')")
class SubscriptionPages {

    private final Subscriptions subscriptions;

    SubscriptionPages(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping("/subscription/subscribe")
    String subscribe(@AuthenticationPrincipal SignedInAccount me, @RequestParam String key,
                     RedirectAttributes redirect) {
        return act(redirect, () -> {
            var subscription = subscriptions.subscribe(me, key);
            return "Subscribed to " + subscription.plan() + ". AI features are on until " + subscription.periodEnd()
                    .toString().substring(0, 10) + ", and renew automatically.";
        });
    }

    @PostMapping("/subscription/cancel")
    String cancel(@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
        return act(redirect, () -> "Cancelled. AI features stay on until "
                + subscriptions.cancel(me).periodEnd().toString().substring(0, 10) + ".");
    }

    @PostMapping("/subscription/resume")
    String resume(@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
        return act(redirect, () -> {
            subscriptions.resume(me);
            return "Your subscription will renew again.";
        });
    }

    private static String act(RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.detail());
        }
        return "redirect:/dashboard";
    }
}
