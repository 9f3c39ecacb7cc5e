package dev.atelier.web;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.atelier.identity.Role;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.identity.Vetting;
import dev.atelier.ledger.AccountRef;
import dev.atelier.ledger.Ledger;
import dev.atelier.ledger.LedgerSettings;
import dev.atelier.subscription.Entitlements;
import dev.atelier.subscription.Subscriptions;

/** The landing page, and each role's dashboard composed from the modules' public APIs. */
@Controller
class HomeController {

    private final Vetting vetting;
    private final Subscriptions subscriptions;
    private final Entitlements entitlements;
    private final Ledger ledger;
    private final LedgerSettings ledgerSettings;

    HomeController(Vetting vetting, Subscriptions subscriptions, Entitlements entitlements, Ledger ledger,
                   LedgerSettings ledgerSettings) {
        this.vetting = vetting;
        this.subscriptions = subscriptions;
        this.entitlements = entitlements;
        this.ledger = ledger;
        this.ledgerSettings = ledgerSettings;
    }

    @GetMapping("/")
    String landing(Model model) {
        model.addAttribute("plan", subscriptions.planName());
        model.addAttribute("price", subscriptions.price());
        return "web/landing";
    }

    @GetMapping("/dashboard")
    String dashboard(@AuthenticationPrincipal SignedInAccount me, Model model) {
        if (me.is(Role.ADMIN)) {
            return "redirect:/admin";
        }
        if (me.is(Role.REVIEWER)) {
            return "redirect:/review";
        }
        var currency = ledgerSettings.currency();
        model.addAttribute("wallet", ledger.open(AccountRef.wallet(me.id(), currency)));
        model.addAttribute("topUpKey", UUID.randomUUID());
        if (me.is(Role.CLIENT)) {
            return "web/client-dashboard";
        }
        model.addAttribute("earnings", ledger.open(AccountRef.earnings(me.id(), currency)));
        model.addAttribute("creatorApplication", vetting.applicationOf(me.id()).orElse(null));
        model.addAttribute("subscription", subscriptions.of(me.id()).orElse(null));
        model.addAttribute("entitlement", entitlements.check(me.id()));
        model.addAttribute("plan", subscriptions.planName());
        model.addAttribute("price", subscriptions.price());
        model.addAttribute("subscribeKey", UUID.randomUUID());
        return "web/creator-dashboard";
    }
}
