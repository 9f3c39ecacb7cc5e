package dev.atelier.generation;

import dev.atelier.engine.TextEngine;
import dev.atelier.engine.TextEngineStatus;
import dev.atelier.identity.CreatorId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.ledger.Money;
import dev.atelier.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api")
@Tag(name = "Generation", description = "Offerings, previews, purchases, deliveries with licence and manifest, "
        + "requests to the creator")
class GenerationController {

    static final int PAGE = 100;

    record BriefRequest(@Nullable String brief) {
    }

    record PurchaseRequest(@Nullable Long expectedPriceMinor) {
    }

    record Approval(@Nullable @Size(max = 200_000) String editedText) {
    }

    record Rejection(@Nullable String reason) {
    }

    record NewRequest(RequestThread.@Nullable Kind kind, @Nullable String message) {
    }

    record Reply(@Nullable String message) {
    }

    private final Offerings offerings;
    private final Previews previews;
    private final PreviewProgress progress;
    private final Purchases purchases;
    private final Deliveries deliveries;
    private final Requests requests;
    private final TextEngine engine;

    GenerationController(Offerings offerings, Previews previews, PreviewProgress progress, Purchases purchases,
                         Deliveries deliveries, Requests requests, TextEngine engine) {
        this.offerings = offerings;
        this.previews = previews;
        this.progress = progress;
        this.purchases = purchases;
        this.deliveries = deliveries;
        this.requests = requests;
        this.engine = engine;
    }

    @GetMapping("/generation/status")
    @Operation(summary = "Can generation run now? If not, exactly how to fix it")
    TextEngineStatus status() {
        return engine.status();
    }

    // Offerings

    @GetMapping("/offerings")
    @Operation(summary = "The catalogue: published offerings, filtered by words, pricing, maximum price, creator")
    List<Offering> catalogue(@RequestParam(required = false) @Nullable String q,
                             @RequestParam(required = false) @Nullable Pricing pricing,
                             @RequestParam(required = false) @Nullable BigDecimal maxPrice,
                             @RequestParam(required = false) @Nullable UUID creator) {
        var currency = offerings.currency().getCurrencyCode();
        return offerings.catalogue(new Offerings.CatalogueQuery(q, pricing,
                maxPrice == null ? null : Money.parse(maxPrice.toPlainString(), currency),
                creator == null ? null : new CreatorId(creator)), PAGE);
    }

    @GetMapping("/offerings/{slug}")
    @Operation(summary = "A published offering")
    Offering offering(@PathVariable String slug) {
        return offerings.published(slug);
    }

    @GetMapping("/offerings/mine")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "Your offerings, published or not")
    List<Offering> mine(@AuthenticationPrincipal SignedInAccount me) {
        return offerings.of(CreatorId.of(me.id()));
    }

    @PostMapping("/offerings")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "Publish an offering from a ready model version (the active one by default)")
    ResponseEntity<Offering> publish(@AuthenticationPrincipal SignedInAccount me,
                                     @Valid @RequestBody OfferingDraft draft) {
        var offering = offerings.publish(CreatorId.of(me.id()), me.email(), draft);
        return ResponseEntity.created(URI.create("/api/offerings/" + offering.slug())).body(offering);
    }

    @PutMapping("/offerings/mine/{id}")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "Change an offering; a new price applies to later purchases only")
    Offering update(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                    @Valid @RequestBody OfferingDraft draft) {
        return offerings.update(CreatorId.of(me.id()), me.email(), id, draft);
    }

    @PostMapping("/offerings/mine/{id}/unpublish")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "Take an offering off the catalogue; deliveries made stay valid")
    Offering unpublish(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return offerings.unpublish(CreatorId.of(me.id()), me.email(), id);
    }

    @PostMapping("/offerings/mine/{id}/publish")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "Put an unpublished offering back on the catalogue")
    Offering republish(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return offerings.republish(CreatorId.of(me.id()), me.email(), id);
    }

    // Previews

    @PostMapping("/offerings/{slug}/previews")
    @Operation(summary = "Start a preview: takes one free preview for today and writes in the background. "
            + "Follow it at /api/previews/{id}/events (server-sent events) or poll /api/previews/{id}")
    ResponseEntity<Preview> preview(@AuthenticationPrincipal SignedInAccount me, @PathVariable String slug,
                                    @RequestBody BriefRequest request) {
        var preview = previews.start(me, slug, request.brief());
        return ResponseEntity.accepted().location(URI.create("/api/previews/" + preview.id())).body(preview);
    }

    @GetMapping("/previews")
    @Operation(summary = "Your previews, newest first")
    List<Preview> previews(@AuthenticationPrincipal SignedInAccount me) {
        return previews.of(me.id(), PAGE);
    }

    @GetMapping("/previews/{id}")
    @Operation(summary = "A preview: status, and once ready the marked preview, its words and its price")
    Preview preview(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return ownPreview(me, id);
    }

    @GetMapping(path = {"/previews/{id}/events"}, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "A preview's progress as server-sent events: phase, progress, then ready or failed")
    SseEmitter events(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return stream(me, id);
    }

    /** Shared with the pages, whose browser session cannot call the API. */
    SseEmitter stream(SignedInAccount me, UUID id) {
        var preview = ownPreview(me, id);
        var emitter = new SseEmitter(Duration.ofMinutes(10).toMillis());
        if (preview.status() == Preview.Status.GENERATING && progress.subscribe(id, emitter)) {
            return emitter;
        }
        Thread.ofVirtual().start(() -> finishFromDatabase(me, id, emitter));
        return emitter;
    }

    /** This node is not writing the preview (it finished, or another node writes it): follow its row. */
    private void finishFromDatabase(SignedInAccount me, UUID id, SseEmitter emitter) {
        try {
            for (var waited = 0; waited < 600; waited++) {
                var preview = ownPreview(me, id);
                if (preview.status() != Preview.Status.GENERATING) {
                    emitter.send(preview.isReady() ? SseEmitter.event().name("ready").data(preview)
                            : SseEmitter.event().name("failed").data(Map.of("detail",
                                    preview.failure() == null ? "The preview failed." : preview.failure())));
                    emitter.complete();
                    return;
                }
                if (progress.subscribe(id, emitter)) {
                    return;
                }
                emitter.send(SseEmitter.event().name("phase").data(Map.of("phase", "writing", "exemplars", 0)));
                Thread.sleep(1_000);
            }
            emitter.complete();
        } catch (Exception e) {
            emitter.completeWithError(e);
        }
    }

    @PostMapping("/previews/{id}/purchase")
    @Operation(summary = "Buy the full asset behind a ready preview. Needs an Idempotency-Key; repeat it safely. "
            + "With review-before-release the purchase waits for the creator")
    ResponseEntity<Purchase> buy(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                                 @RequestHeader("Idempotency-Key") @Size(min = 1, max = 100) String key,
                                 @RequestBody(required = false) @Nullable PurchaseRequest request) {
        var purchase = purchases.buyPreview(me, id, key, request == null ? null : request.expectedPriceMinor());
        return ResponseEntity.status(HttpStatus.CREATED).body(purchase);
    }

    @GetMapping("/purchases")
    @Operation(summary = "Your purchases, newest first")
    List<Purchase> purchases(@AuthenticationPrincipal SignedInAccount me) {
        return purchases.ofClient(me.id(), PAGE);
    }

    // Sales and review

    @GetMapping("/sales")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "Your sales; status=AWAITING_REVIEW is your review queue")
    List<Purchase> sales(@AuthenticationPrincipal SignedInAccount me,
                         @RequestParam(required = false) Purchase.@Nullable Status status) {
        return purchases.ofCreator(CreatorId.of(me.id()), status, PAGE);
    }

    @GetMapping("/sales/{id}/draft")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "The full draft of a sale waiting for your review")
    ResponseEntity<String> draft(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        var purchase = purchases.find(id).filter(found -> found.creator().equals(CreatorId.of(me.id())))
                .filter(Purchase::awaitsReview)
                .orElseThrow(() -> ProblemException.notFound("No such sale", "No sale " + id + " waits for you."));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(purchases.fullTextOf(purchase));
    }

    @PostMapping("/sales/{id}/approve")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "Release a sale to the client, as written or with your edited text")
    Purchase approve(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                     @Valid @RequestBody(required = false) @Nullable Approval approval) {
        return purchases.approve(CreatorId.of(me.id()), me.email(), id,
                approval == null ? null : approval.editedText());
    }

    @PostMapping("/sales/{id}/reject")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "Reject a sale with a reason; the client is refunded in full")
    Purchase reject(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                    @RequestBody Rejection rejection) {
        return purchases.reject(CreatorId.of(me.id()), me.email(), id, rejection.reason());
    }

    // Deliveries

    @GetMapping("/deliveries")
    @Operation(summary = "Your delivered assets, newest first")
    List<Delivery> deliveries(@AuthenticationPrincipal SignedInAccount me) {
        return deliveries.ofClient(me.id(), PAGE);
    }

    @GetMapping("/deliveries/{id}")
    @Operation(summary = "One of your deliveries")
    Delivery delivery(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return ownDelivery(me, id);
    }

    @GetMapping("/deliveries/{id}/asset")
    @Operation(summary = "Download the asset (UTF-8 text)")
    ResponseEntity<byte[]> asset(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        var delivery = ownDelivery(me, id);
        return download(delivery.text(), new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8),
                "asset-" + id + ".txt");
    }

    @GetMapping("/deliveries/{id}/licence")
    @Operation(summary = "Download the licence certificate (JSON)")
    ResponseEntity<byte[]> licence(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return download(ownDelivery(me, id).licence(), MediaType.APPLICATION_JSON, "licence-" + id + ".json");
    }

    @GetMapping("/deliveries/{id}/manifest")
    @Operation(summary = "Download the signed provenance manifest (JSON); check it with POST /api/verify")
    ResponseEntity<byte[]> manifest(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return download(ownDelivery(me, id).manifest(), MediaType.APPLICATION_JSON, "asset-" + id + ".manifest.json");
    }

    static ResponseEntity<byte[]> download(String content, MediaType type, String fileName) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build()
                        .toString())
                .body(content.getBytes(StandardCharsets.UTF_8));
    }

    // Requests to the creator

    @PostMapping("/deliveries/{id}/requests")
    @Operation(summary = "Ask the human creator for an edit of this asset (kind EDIT) or a custom order")
    ResponseEntity<RequestThread> request(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                                          @RequestBody NewRequest request) {
        var thread = requests.open(me, id, request.kind() == null ? RequestThread.Kind.EDIT : request.kind(),
                request.message());
        return ResponseEntity.created(URI.create("/api/requests/" + thread.id())).body(thread);
    }

    @GetMapping("/requests")
    @Operation(summary = "Your request threads, as client or creator")
    List<RequestThread> requests(@AuthenticationPrincipal SignedInAccount me) {
        return requests.ofParty(me.id(), PAGE);
    }

    @GetMapping("/requests/{id}")
    RequestThread thread(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return requests.find(me.id(), id).orElseThrow(() -> ProblemException.notFound("No such request",
                "You have no request with id " + id + "."));
    }

    @PostMapping("/requests/{id}/messages")
    RequestThread reply(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                        @RequestBody Reply reply) {
        return requests.reply(me, id, reply.message());
    }

    @PostMapping("/requests/{id}/close")
    RequestThread close(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return requests.close(me, id);
    }

    private Preview ownPreview(SignedInAccount me, UUID id) {
        return previews.find(me.id(), id).orElseThrow(() -> ProblemException.notFound("No such preview",
                "You have no preview with id " + id + "."));
    }

    private Delivery ownDelivery(SignedInAccount me, UUID id) {
        return deliveries.ofClient(me.id(), id).orElseThrow(() -> ProblemException.notFound("No such delivery",
                "You have no delivery with id " + id + "."));
    }
}
