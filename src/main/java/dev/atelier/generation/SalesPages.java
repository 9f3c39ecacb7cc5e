package dev.atelier.generation;

import dev.atelier.identity.CreatorId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.personalmodel.ModelVersion;
import dev.atelier.personalmodel.ModelVersions;
import dev.atelier.problem.FormErrors;
import dev.atelier.problem.ProblemException;
import dev.atelier.subscription.Entitlements;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The creator's side of the marketplace in the browser: their offerings and the editor, their sales with totals,
 * and the review queue where sales that wait for them are released (as written or edited) or rejected.
 */
@Controller
@PreAuthorize("hasRole('CREATOR')")
class SalesPages {

    private static final int PAGE = 200;
    private final Offerings offerings;
    private final Purchases purchases;
    private final ModelVersions versions;
    private final Entitlements entitlements;
    private final GenerationSettings settings;

    SalesPages(Offerings offerings, Purchases purchases, ModelVersions versions, Entitlements entitlements,
               GenerationSettings settings) {
        this.offerings = offerings;
        this.purchases = purchases;
        this.versions = versions;
        this.entitlements = entitlements;
        this.settings = settings;
    }

    // Offerings

    @GetMapping("/offerings")
    String offerings(@AuthenticationPrincipal SignedInAccount me, Model model) {
        var creator = CreatorId.of(me.id());
        model.addAttribute("offerings", offerings.of(creator));
        readiness(me, model);
        return "generation/offerings";
    }

    @GetMapping("/offerings/new")
    String newOffering(@AuthenticationPrincipal SignedInAccount me, Model model) {
        var active = versions.active(CreatorId.of(me.id())).filter(ModelVersion::canBeActivated)
                .map(version -> version.id().value()).orElse(null);
        editor(me, null, OfferingForm.empty(settings.defaultLicence(), active), Map.of(), model);
        return "generation/offering-form";
    }

    @PostMapping("/offerings")
    String publish(@AuthenticationPrincipal SignedInAccount me, @Valid @ModelAttribute("form") OfferingForm form,
                   BindingResult result, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                var offering = offerings.publish(CreatorId.of(me.id()), me.email(), form.draft());
                redirect.addFlashAttribute("notice", "'" + offering.title() + "' is on sale at /o/"
                        + offering.slug() + ".");
                return "redirect:/offerings";
            } catch (ProblemException e) {
                editor(me, null, form, FormErrors.of(e), model);
                return "generation/offering-form";
            }
        }
        editor(me, null, form, FormErrors.of(result), model);
        return "generation/offering-form";
    }

    @GetMapping("/offerings/{id}/edit")
    String edit(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, Model model) {
        var offering = offerings.own(CreatorId.of(me.id()), id);
        editor(me, offering, OfferingForm.of(offering), Map.of(), model);
        return "generation/offering-form";
    }

    @PostMapping("/offerings/{id}")
    String update(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                  @Valid @ModelAttribute("form") OfferingForm form, BindingResult result, Model model,
                  RedirectAttributes redirect) {
        var creator = CreatorId.of(me.id());
        var offering = offerings.own(creator, id);
        if (!result.hasErrors()) {
            try {
                var changed = offerings.update(creator, me.email(), id, form.draft());
                redirect.addFlashAttribute("notice", "Saved '" + changed.title() + "'. A new price applies to "
                        + "purchases from now on.");
                return "redirect:/offerings";
            } catch (ProblemException e) {
                editor(me, offering, form, FormErrors.of(e), model);
                return "generation/offering-form";
            }
        }
        editor(me, offering, form, FormErrors.of(result), model);
        return "generation/offering-form";
    }

    /** Switches review-before-release from the list: htmx swaps the row, a plain form reloads the list. */
    @PostMapping("/offerings/{id}/review")
    String review(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, @RequestParam boolean review,
                  @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
                  RedirectAttributes redirect) {
        var creator = CreatorId.of(me.id());
        var current = OfferingForm.of(offerings.own(creator, id));
        var switched = new OfferingForm(current.title(), current.outputKind(), current.description(),
                current.guidance(), current.pricing(), current.price(), current.freePreviewsPerDay(), review,
                current.licenceTerms(), null);
        var offering = offerings.update(creator, me.email(), id, switched.draft());
        if (htmx == null) {
            redirect.addFlashAttribute("notice", "'" + offering.title() + "': " + (review
                    ? "you review each sale before the client gets it." : "sales are delivered at once."));
            return "redirect:/offerings";
        }
        model.addAttribute("offering", offering);
        return "generation/offerings :: row";
    }

    @PostMapping("/offerings/{id}/unpublish")
    String unpublish(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, RedirectAttributes redirect) {
        var offering = offerings.unpublish(CreatorId.of(me.id()), me.email(), id);
        redirect.addFlashAttribute("notice", "'" + offering.title() + "' is off the catalogue. Deliveries already "
                + "made stay valid.");
        return "redirect:/offerings";
    }

    @PostMapping("/offerings/{id}/publish")
    String republish(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            var offering = offerings.republish(CreatorId.of(me.id()), me.email(), id);
            redirect.addFlashAttribute("notice", "'" + offering.title() + "' is back on the catalogue.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.detail());
        }
        return "redirect:/offerings";
    }

    private void editor(SignedInAccount me, @Nullable Offering offering, OfferingForm form,
                        Map<String, String> errors, Model model) {
        model.addAttribute("offering", offering);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("pricings", Pricing.values());
        model.addAttribute("outputKinds", Offering.OutputKind.values());
        model.addAttribute("currency", offerings.currency().getCurrencyCode());
        model.addAttribute("defaultLicence", settings.defaultLicence());
        readiness(me, model);
    }

    /** Whether the creator may publish now, and if not, exactly why: the page links to the fix. */
    private void readiness(SignedInAccount me, Model model) {
        var ready = versions.of(CreatorId.of(me.id())).stream().filter(ModelVersion::canBeActivated).toList();
        model.addAttribute("entitlement", entitlements.check(me.id()));
        model.addAttribute("versions", ready);
    }

    // Sales and the review queue

    @GetMapping("/sales")
    String sales(@AuthenticationPrincipal SignedInAccount me, Model model) {
        var creator = CreatorId.of(me.id());
        model.addAttribute("totals", purchases.totals(creator, offerings.currency()));
        model.addAttribute("sales", purchases.ofCreator(creator, null, PAGE));
        model.addAttribute("waiting", purchases.ofCreator(creator, Purchase.Status.AWAITING_REVIEW, PAGE).size());
        return "generation/sales";
    }

    @GetMapping("/sales/review")
    String reviewQueue(@AuthenticationPrincipal SignedInAccount me, Model model) {
        var waiting = purchases.ofCreator(CreatorId.of(me.id()), Purchase.Status.AWAITING_REVIEW, PAGE);
        model.addAttribute("queue", waiting);
        model.addAttribute("drafts", waiting.stream().collect(Collectors.toMap(
                sale -> sale.id().toString(), purchases::fullTextOf)));
        return "generation/review";
    }

    /** The number of sales waiting for review, for the dashboard's link; empty when none wait. */
    @GetMapping(path = "/sales/review/count", produces = "text/html")
    @ResponseBody
    String reviewCount(@AuthenticationPrincipal SignedInAccount me) {
        var waiting = purchases.ofCreator(CreatorId.of(me.id()), Purchase.Status.AWAITING_REVIEW, PAGE).size();
        return waiting == 0 ? "" : "<span class=\"badge\">" + waiting + " waiting</span>";
    }

    /** Releases a sale: with {@code edited} the creator's text replaces the draft, unless they left it unchanged. */
    @PostMapping("/sales/{id}/approve")
    String approve(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                   @RequestParam(defaultValue = "false") boolean edited,
                   @RequestParam(required = false) @Nullable String editedText, RedirectAttributes redirect) {
        var creator = CreatorId.of(me.id());
        try {
            String text = null;
            if (edited && (editedText == null || editedText.isBlank())) {
                throw ProblemException.badRequest("Edited text empty", "The edited text is empty. Write the text "
                        + "the client gets, approve as written, or reject the sale with a reason.");
            }
            if (edited) {
                var sale = purchases.find(id).filter(found -> found.creator().equals(creator)
                        && found.awaitsReview()).orElse(null);
                var original = sale == null ? null : purchases.fullTextOf(sale);
                text = original != null && normalised(original).equals(normalised(editedText)) ? null : editedText;
            }
            var released = purchases.approve(creator, me.email(), id, text);
            redirect.addFlashAttribute("notice", "Released '" + released.offeringTitle() + "' to "
                    + released.clientName() + (text == null ? " as written" : " with your edits") + ". You earned "
                    + released.earnings().format() + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.detail());
        }
        return "redirect:/sales/review";
    }

    @PostMapping("/sales/{id}/reject")
    String reject(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                  @RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
        try {
            var rejected = purchases.reject(CreatorId.of(me.id()), me.email(), id, reason);
            redirect.addFlashAttribute("notice", "Rejected '" + rejected.offeringTitle() + "'. "
                    + rejected.clientName() + " was refunded " + rejected.price().format() + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.detail());
            redirect.addFlashAttribute("errorFor", id.toString());
        }
        return "redirect:/sales/review";
    }

    /** Browsers send text areas with CRLF line breaks; an edit is a change of words, not of line endings. */
    private static String normalised(String text) {
        return text.replace("\r\n", "\n").strip();
    }
}
