package dev.atelier.generation;

import dev.atelier.engine.TextEngine;
import dev.atelier.identity.CreatorId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.ledger.AccountRef;
import dev.atelier.ledger.Ledger;
import dev.atelier.ledger.Money;
import dev.atelier.problem.FormErrors;
import dev.atelier.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The client's side of the marketplace in the browser: the catalogue (filtered live with htmx, or by a plain GET
 * without JavaScript), an offering's page with the brief form, a preview with live progress (server-sent events),
 * the purchase confirmation, the library of deliveries with their licence and manifest, and requests to the
 * creator. A creator uses the same pages to buy from other creators and to answer requests.
 */
@Controller
@PreAuthorize("hasAnyRole('CLIENT', 'CREATOR')")
class GenerationPages {

    private static final int CATALOGUE_PAGE = 60;
    private static final int LIBRARY_PAGE = 200;
    private static final int RECENT_PREVIEWS = 5;

    private final Offerings offerings;
    private final Previews previews;
    private final Purchases purchases;
    private final Deliveries deliveries;
    private final Requests requests;
    private final GenerationController api;
    private final TextEngine engine;
    private final Ledger ledger;
    private final Provenance provenance;
    private final GenerationSettings settings;
    private final ObjectMapper json;

    GenerationPages(Offerings offerings, Previews previews, Purchases purchases, Deliveries deliveries,
                    Requests requests, GenerationController api, TextEngine engine, Ledger ledger,
                    Provenance provenance, GenerationSettings settings, ObjectMapper json) {
        this.offerings = offerings;
        this.previews = previews;
        this.purchases = purchases;
        this.deliveries = deliveries;
        this.requests = requests;
        this.api = api;
        this.engine = engine;
        this.ledger = ledger;
        this.provenance = provenance;
        this.settings = settings;
        this.json = json;
    }

    // The catalogue

    /** The whole page, or only the results when htmx asks for them while the person types. */
    @GetMapping("/catalogue")
    String catalogue(@RequestParam(required = false) @Nullable String q,
                     @RequestParam(required = false) @Nullable String pricing,
                     @RequestParam(required = false) @Nullable String maxPrice,
                     @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
                     @RequestHeader(name = "HX-Boosted", required = false) @Nullable String boosted,
                     @RequestHeader(name = "HX-History-Restore-Request", required = false) @Nullable String restore,
                     Model model) {
        var errors = new LinkedHashMap<String, String>();
        var chosenPricing = parsePricing(pricing);
        Money ceiling = null;
        if (maxPrice != null && !maxPrice.isBlank()) {
            try {
                ceiling = Money.parse(maxPrice, offerings.currency().getCurrencyCode());
            } catch (IllegalArgumentException e) {
                errors.put("maxPrice", "Write a price like 20.00; " + e.getMessage() + ".");
            }
        }
        model.addAttribute("offerings", offerings.catalogue(new Offerings.CatalogueQuery(q, chosenPricing, ceiling,
                null), CATALOGUE_PAGE));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("pricing", chosenPricing == null ? "" : chosenPricing.name());
        model.addAttribute("maxPrice", maxPrice == null ? "" : maxPrice);
        model.addAttribute("pricings", Pricing.values());
        model.addAttribute("currency", offerings.currency().getCurrencyCode());
        model.addAttribute("errors", errors);
        return htmx != null && boosted == null && restore == null ? "generation/catalogue :: results"
                : "generation/catalogue";
    }

    private static @Nullable Pricing parsePricing(@Nullable String pricing) {
        if (pricing == null || pricing.isBlank()) {
            return null;
        }
        try {
            return Pricing.valueOf(pricing);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // An offering and its brief form

    @GetMapping("/o/{slug}")
    String offering(@AuthenticationPrincipal SignedInAccount me, @PathVariable String slug, Model model) {
        offeringPage(me, visibleOffering(me, slug), "", Map.of(), model);
        return "generation/offering";
    }

    /** Starts a preview; when it is refused (brief, quota, engine), the offering page says why and keeps the brief. */
    @PostMapping("/o/{slug}/previews")
    String startPreview(@AuthenticationPrincipal SignedInAccount me, @PathVariable String slug,
                        @RequestParam(required = false) @Nullable String brief, Model model) {
        try {
            return "redirect:/previews/" + previews.start(me, slug, brief).id();
        } catch (ProblemException e) {
            offeringPage(me, visibleOffering(me, slug), brief == null ? "" : brief,
                    Map.of(e.getStatusCode().value() == 400 ? "brief" : "form", e.detail()), model);
            return "generation/offering";
        }
    }

    /** A published offering; its creator also sees it while it is unpublished. */
    private Offering visibleOffering(SignedInAccount me, String slug) {
        return offerings.findBySlug(slug)
                .filter(offering -> offering.isPublished() || isOwn(me, offering))
                .orElseThrow(() -> ProblemException.notFound("No such offering",
                        "No published offering is called '" + slug + "'."));
    }

    private void offeringPage(SignedInAccount me, Offering offering, String brief, Map<String, String> errors,
                              Model model) {
        var own = isOwn(me, offering);
        model.addAttribute("offering", offering);
        model.addAttribute("own", own);
        model.addAttribute("remaining", own ? 0 : previews.remainingToday(me.id(), offering));
        model.addAttribute("engine", engine.status());
        model.addAttribute("brief", brief);
        model.addAttribute("briefMin", Previews.MIN_BRIEF);
        model.addAttribute("briefMax", Previews.MAX_BRIEF);
        model.addAttribute("candidates", settings.previewCandidates());
        model.addAttribute("recent", own ? List.of() : previews.of(me.id(), LIBRARY_PAGE).stream()
                .filter(preview -> preview.offeringId().equals(offering.id())).limit(RECENT_PREVIEWS).toList());
        model.addAttribute("errors", errors);
    }

    private static boolean isOwn(SignedInAccount me, Offering offering) {
        return offering.creator().equals(CreatorId.of(me.id()));
    }

    // Previews

    @GetMapping("/previews/{id}")
    String preview(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, Model model) {
        var preview = ownPreview(me, id);
        model.addAttribute("preview", preview);
        model.addAttribute("remaining", offerings.find(preview.offeringId())
                .map(offering -> previews.remainingToday(me.id(), offering)).orElse(0));
        model.addAttribute("candidates", preview.candidates());
        model.addAttribute("maxTokens", settings.maxTokens());
        model.addAttribute("purchase", preview.purchaseId() == null ? null
                : purchases.find(preview.purchaseId()).orElse(null));
        return "generation/preview";
    }

    /** Progress for the preview page, in the browser's session: the API's stream, which its chain keeps stateless. */
    @GetMapping(path = "/previews/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter previewEvents(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return api.stream(me, id);
    }

    private Preview ownPreview(SignedInAccount me, UUID id) {
        return previews.find(me.id(), id).orElseThrow(() -> ProblemException.notFound("No such preview",
                "You have no preview with id " + id + "."));
    }

    // Buying

    /**
     * The confirmation: what the client gets, the price and their balance. The form carries an idempotency key made
     * now, so submitting it twice buys once.
     */
    @GetMapping("/previews/{id}/buy")
    String confirm(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, Model model,
                   RedirectAttributes redirect) {
        var preview = ownPreview(me, id);
        var offering = offerings.find(preview.offeringId()).filter(Offering::isPublished);
        if (preview.isPurchased() || !preview.isReady() || preview.price() == null || offering.isEmpty()) {
            redirect.addFlashAttribute("error", preview.isPurchased() ? "You bought this preview already."
                    : offering.isEmpty() ? "'" + preview.offeringTitle() + "' is no longer on sale."
                    : "Only a ready preview can be bought.");
            return "redirect:/previews/" + id;
        }
        confirmation(me, preview, offering.get(), UUID.randomUUID().toString(), null, model);
        return "generation/buy";
    }

    @PostMapping("/previews/{id}/buy")
    String buy(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, @RequestParam String key,
               @RequestParam(required = false) @Nullable Long expectedPriceMinor, Model model,
               RedirectAttributes redirect) {
        try {
            var purchase = purchases.buyPreview(me, id, key, expectedPriceMinor);
            if (purchase.deliveryId() != null) {
                redirect.addFlashAttribute("notice", "Bought for " + purchase.price().format()
                        + ". The full text, its licence and its manifest are yours.");
                return "redirect:/deliveries/" + purchase.deliveryId();
            }
            redirect.addFlashAttribute("notice", "Paid " + purchase.price().format() + ". The creator reviews "
                    + "each sale of '" + purchase.offeringTitle() + "' before release; the money is held until then, "
                    + "and refunded in full if they reject it.");
            return "redirect:/deliveries";
        } catch (ProblemException e) {
            var preview = ownPreview(me, id);
            var offering = offerings.find(preview.offeringId());
            if (preview.isPurchased() || preview.price() == null || offering.isEmpty()) {
                redirect.addFlashAttribute("error", e.detail());
                return "redirect:/previews/" + id;
            }
            confirmation(me, preview, offering.get(), key, e.detail(), model);
            return "generation/buy";
        }
    }

    private void confirmation(SignedInAccount me, Preview preview, Offering offering, String key,
                              @Nullable String problem, Model model) {
        var price = Objects.requireNonNull(preview.price());
        var balance = ledger.balance(AccountRef.wallet(me.id(), price.currency()));
        model.addAttribute("preview", preview);
        model.addAttribute("offering", offering);
        model.addAttribute("price", price);
        model.addAttribute("balance", balance);
        model.addAttribute("enough", balance.minor() >= price.minor());
        model.addAttribute("after", new Money(balance.minor() - price.minor(), price.currency()));
        model.addAttribute("key", key);
        model.addAttribute("problem", problem);
    }

    // The library

    @GetMapping("/deliveries")
    String library(@AuthenticationPrincipal SignedInAccount me, Model model) {
        model.addAttribute("deliveries", deliveries.ofClient(me.id(), LIBRARY_PAGE));
        model.addAttribute("pending", purchases.ofClient(me.id(), LIBRARY_PAGE).stream()
                .filter(purchase -> purchase.status() != Purchase.Status.DELIVERED).toList());
        return "generation/deliveries";
    }

    @GetMapping("/deliveries/{id}")
    String delivery(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, Model model) {
        deliveryPage(me, visibleDelivery(me, id), RequestThread.Kind.EDIT, "", Map.of(), model);
        return "generation/delivery";
    }

    @PostMapping("/deliveries/{id}/requests")
    String openRequest(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                       @RequestParam(required = false) RequestThread.@Nullable Kind kind,
                       @RequestParam(required = false) @Nullable String message, Model model,
                       RedirectAttributes redirect) {
        var chosen = kind == null ? RequestThread.Kind.EDIT : kind;
        try {
            var thread = requests.open(me, id, chosen, message);
            redirect.addFlashAttribute("notice", "Your request was sent to " + thread.creatorName() + ".");
            return "redirect:/requests/" + thread.id();
        } catch (ProblemException e) {
            deliveryPage(me, visibleDelivery(me, id), chosen, message == null ? "" : message,
                    Map.of("message", e.detail()), model);
            return "generation/delivery";
        }
    }

    @GetMapping("/deliveries/{id}/asset")
    ResponseEntity<byte[]> asset(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return GenerationController.download(visibleDelivery(me, id).text(),
                new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8), "asset-" + id + ".txt");
    }

    @GetMapping("/deliveries/{id}/licence")
    ResponseEntity<byte[]> licence(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return GenerationController.download(visibleDelivery(me, id).licence(), MediaType.APPLICATION_JSON,
                "licence-" + id + ".json");
    }

    @GetMapping("/deliveries/{id}/manifest")
    ResponseEntity<byte[]> manifest(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return GenerationController.download(visibleDelivery(me, id).manifest(), MediaType.APPLICATION_JSON,
                "asset-" + id + ".manifest.json");
    }

    /** The client's own delivery, or one of the creator's sales; to anyone else it does not exist. */
    private Delivery visibleDelivery(SignedInAccount me, UUID id) {
        return deliveries.ofClient(me.id(), id)
                .or(() -> deliveries.ofCreator(CreatorId.of(me.id()), id))
                .orElseThrow(() -> ProblemException.notFound("No such delivery",
                        "You have no delivery with id " + id + "."));
    }

    private void deliveryPage(SignedInAccount me, Delivery delivery, RequestThread.Kind kind, String message,
                              Map<String, String> errors, Model model) {
        model.addAttribute("delivery", delivery);
        model.addAttribute("client", delivery.client().equals(me.id()));
        model.addAttribute("licence", licence(delivery.licence()));
        model.addAttribute("verification", provenance.verify(delivery.text().getBytes(StandardCharsets.UTF_8),
                delivery.manifest().getBytes(StandardCharsets.UTF_8)));
        model.addAttribute("kinds", RequestThread.Kind.values());
        model.addAttribute("kind", kind);
        model.addAttribute("message", message);
        model.addAttribute("threads", requests.ofParty(me.id(), LIBRARY_PAGE).stream()
                .filter(thread -> thread.deliveryId().equals(delivery.id())).toList());
        model.addAttribute("errors", errors);
    }

    /** The licence certificate's members, for the page to render; empty if it cannot be read. */
    private Map<String, Object> licence(String certificate) {
        try {
            return json.readValue(certificate, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    // Requests to the creator

    @GetMapping("/requests")
    String requests(@AuthenticationPrincipal SignedInAccount me, Model model) {
        model.addAttribute("threads", requests.ofParty(me.id(), LIBRARY_PAGE));
        return "generation/requests";
    }

    @GetMapping("/requests/{id}")
    String thread(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, Model model) {
        threadPage(ownThread(me, id), "", Map.of(), model);
        return "generation/request";
    }

    @PostMapping("/requests/{id}/messages")
    String reply(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                 @RequestParam(required = false) @Nullable String message, Model model, RedirectAttributes redirect) {
        try {
            requests.reply(me, id, message);
            redirect.addFlashAttribute("notice", "Sent.");
            return "redirect:/requests/" + id;
        } catch (ProblemException e) {
            threadPage(ownThread(me, id), message == null ? "" : message, FormErrors.of(e), model);
            return "generation/request";
        }
    }

    @PostMapping("/requests/{id}/close")
    String close(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, RedirectAttributes redirect) {
        requests.close(me, id);
        redirect.addFlashAttribute("notice", "The request is closed.");
        return "redirect:/requests/" + id;
    }

    private RequestThread ownThread(SignedInAccount me, UUID id) {
        return requests.find(me.id(), id).orElseThrow(() -> ProblemException.notFound("No such request",
                "You have no request with id " + id + "."));
    }

    private void threadPage(RequestThread thread, String reply, Map<String, String> errors, Model model) {
        model.addAttribute("thread", thread);
        model.addAttribute("reply", reply);
        model.addAttribute("errors", errors);
    }
}
