package dev.atelier.ledger;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.atelier.identity.AuditLog;
import dev.atelier.identity.Role;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;

/**
 * Statements, the admin's top-up form and the dev-mode self top-up. Forms carry an idempotency key made when the
 * form was drawn, so a double click or a resubmitted page moves money once.
 */
@Controller
class LedgerPages {

    private static final int STATEMENT_PAGE = 50;

    private final Ledger ledger;
    private final TopUps topUps;
    private final LedgerSettings settings;
    private final AuditLog audit;

    LedgerPages(Ledger ledger, TopUps topUps, LedgerSettings settings, AuditLog audit) {
        this.ledger = ledger;
        this.topUps = topUps;
        this.settings = settings;
        this.audit = audit;
    }

    @GetMapping("/ledger/accounts/{id}")
    String statement(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                     @RequestParam(required = false) @Nullable Long before, Model model) {
        var account = ledger.account(id).filter(found -> found.ownedBy(me.id()) || me.is(Role.ADMIN))
                .orElseThrow(() -> ProblemException.notFound("No such ledger account",
                        "You have no ledger account with id " + id + "."));
        var lines = ledger.statement(id, before, STATEMENT_PAGE);
        model.addAttribute("account", account);
        model.addAttribute("lines", lines);
        model.addAttribute("nextBefore", lines.size() == STATEMENT_PAGE ? lines.getLast().postingId() : null);
        return "ledger/statement";
    }

    @GetMapping("/admin")
    @PreAuthorize("hasRole('ADMIN')")
    String admin(Model model) {
        model.addAttribute("currency", settings.currency().getCurrencyCode());
        model.addAttribute("key", UUID.randomUUID());
        model.addAttribute("audit", audit.latest(30));
        model.addAttribute("errors", Map.of());
        return "ledger/admin";
    }

    @PostMapping("/admin/top-up")
    @PreAuthorize("hasRole('ADMIN')")
    String topUp(@AuthenticationPrincipal SignedInAccount me, @RequestParam String key, @RequestParam String email,
                 @RequestParam String amount, @RequestParam(required = false) @Nullable String memo, Model model,
                 RedirectAttributes redirect) {
        try {
            var money = Money.parse(amount, settings.currency().getCurrencyCode());
            if (!money.isPositive()) {
                throw new IllegalArgumentException("Enter an amount above zero.");
            }
            var receipt = topUps.byAdmin(me, key, email, money.minor(), null, memo);
            redirect.addFlashAttribute("notice", receipt.replayed()
                    ? "That top-up was already recorded; nothing was added twice."
                    : "Added " + money.format() + " to the wallet of " + email.trim() + ".");
            return "redirect:/admin";
        } catch (IllegalArgumentException e) {
            model.addAttribute("errors", Map.of("amount", e.getMessage()));
        } catch (ProblemException e) {
            model.addAttribute("errors", Map.of("email", e.detail()));
        }
        model.addAttribute("currency", settings.currency().getCurrencyCode());
        model.addAttribute("key", key);
        model.addAttribute("audit", audit.latest(30));
        model.addAttribute("email", email);
        model.addAttribute("amount", amount);
        return "ledger/admin";
    }

    @PostMapping("/wallet/dev-top-up")
    String devTopUp(@AuthenticationPrincipal SignedInAccount me, @RequestParam String key,
                    @RequestParam String amount, RedirectAttributes redirect) {
        try {
            var money = Money.parse(amount, settings.currency().getCurrencyCode());
            topUps.self(me, key, money.minor());
            redirect.addFlashAttribute("notice", "Added " + money.format() + " to your wallet (dev mode).");
        } catch (IllegalArgumentException | ProblemException e) {
            redirect.addFlashAttribute("error", e instanceof ProblemException problem ? problem.detail()
                    : e.getMessage());
        }
        return "redirect:/dashboard";
    }
}
