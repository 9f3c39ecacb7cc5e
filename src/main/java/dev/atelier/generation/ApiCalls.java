package dev.atelier.generation;

import dev.atelier.engine.Completion;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.ledger.AccountKind;
import dev.atelier.ledger.AccountRef;
import dev.atelier.ledger.Ledger;
import dev.atelier.ledger.Money;
import dev.atelier.ledger.Transfer;
import dev.atelier.problem.ProblemException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Billed generations for the OpenAI-compatible API. A call first holds the most it can cost (its token limit
 * priced as words) in escrow, so concurrent calls can never spend more than the wallet holds; after generating it
 * settles in one transfer: the actual price to the creator and the platform, the rest back to the wallet. A call
 * that fails releases its hold. Each billed call is a purchase with a delivery, a licence and a manifest.
 */
@Component
class ApiCalls {

    /** A settled call. */
    record Call(Purchase purchase, Delivery delivery, Drafts.Draft draft) {
    }

    private final Ledger ledger;
    private final Drafts drafts;
    private final Purchases purchases;
    private final Deliveries deliveries;
    private final GenerationSettings settings;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiCalls(Ledger ledger, Drafts drafts, Purchases purchases, Deliveries deliveries, GenerationSettings settings,
             JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.drafts = drafts;
        this.purchases = purchases;
        this.deliveries = deliveries;
        this.settings = settings;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The earlier call made with this idempotency key, if any. */
    Optional<Call> replay(SignedInAccount client, String idempotencyKey) {
        return purchases.byKey(purchaseKey(client, idempotencyKey)).map(purchase -> {
            var delivery = deliveries.ofClient(client.id(), purchase.deliveryId()).orElseThrow();
            var usage = jdbc.sql("select prompt_tokens, completion_tokens, finish_reason from api_call "
                            + "where purchase_id = :id")
                    .param("id", purchase.id())
                    .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
            return new Call(purchase, delivery, new Drafts.Draft(delivery.text(), null, 1, usage[0], usage[1],
                    Completion.FinishReason.STOP, "", List.of()));
        });
    }

    /** Money held for one call; {@link #run} settles or releases it exactly once. */
    record Hold(UUID callId, SignedInAccount client, Offering offering, String key, Money amount) {
    }

    /**
     * Holds the most the call can cost. Refused, with nothing held, when the offering is the client's own, no model
     * can serve, or the wallet holds less than the hold.
     */
    Hold hold(SignedInAccount client, Offering offering, int maxTokens, @Nullable String idempotencyKey) {
        Previews.refuseOwn(client, offering);
        drafts.requireEngine();
        var callId = UUID.randomUUID();
        var key = idempotencyKey == null ? "api:" + client.id() + ":" + callId : purchaseKey(client, idempotencyKey);
        var amount = offering.maxPriceFor(maxTokens);
        ledger.post(Transfer.between("api-hold:" + callId, "API_HOLD", offering.title(), wallet(client, amount),
                escrow(amount), amount));
        return new Hold(callId, client, offering, key, amount);
    }

    /** Writes the completion, then bills it and delivers it; a failure releases the hold and is rethrown. */
    Call run(Hold hold, String brief, Drafts.Request request, boolean streamed, Drafts.Listener listener) {
        var offering = hold.offering();
        Drafts.Draft draft;
        try {
            draft = drafts.write(offering, brief, hold.callId(), request, listener);
            if (draft.text().isBlank()) {
                throw ProblemException.unprocessable("Empty completion", "The model wrote nothing for this request; "
                        + "nothing was charged.");
            }
        } catch (RuntimeException e) {
            ledger.post(Transfer.between("api-release:" + hold.callId(), "API_RELEASE", offering.title(),
                    escrow(hold.amount()), wallet(hold.client(), hold.amount()), hold.amount()));
            throw e;
        }
        var currency = hold.amount().currency();
        var price = offering.priceFor(PreviewMark.words(draft.text()));
        var fee = new Money(settings.feeOn(price.minor()), currency);
        var settleKey = "api-settle:" + hold.callId();
        var legs = new ArrayList<>(Purchases.payout(settleKey, "API_CALL", offering.title(), escrow(price), offering,
                price, fee).legs());
        legs.set(0, new Transfer.Leg(escrow(price), -hold.amount().minor()));
        if (hold.amount().minor() > price.minor()) {
            legs.add(new Transfer.Leg(wallet(hold.client(), price), hold.amount().minor() - price.minor()));
        }
        var purchaseId = UUID.randomUUID();
        var delivered = new Delivery[1];
        ledger.post(new Transfer(settleKey, "API_CALL", offering.title(), legs), settled -> {
            purchases.insert(purchaseId, Purchase.Source.API, null, offering, hold.client().id(), hold.key(), price,
                    fee, Purchase.Status.DELIVERED, settled);
            delivered[0] = deliveries.deliver(purchases.find(purchaseId).orElseThrow(), offering, draft.text(), false,
                    draft.engineModel());
            jdbc.sql("""
                            insert into api_call (id, purchase_id, client_id, offering_id, prompt_tokens,
                                completion_tokens, streamed, finish_reason, created_at)
                            values (:id, :purchase, :client, :offering, :prompt, :completion, :streamed, :finish, :now)""")
                    .param("id", hold.callId()).param("purchase", purchaseId)
                    .param("client", hold.client().id().value()).param("offering", offering.id())
                    .param("prompt", draft.promptTokens()).param("completion", draft.completionTokens())
                    .param("streamed", streamed).param("finish", draft.finishReason().name())
                    .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .update();
            events.publishEvent(new AssetPurchased(purchaseId, offering.id(), offering.creator(), hold.client().id(),
                    price, fee, Purchase.Source.API, true));
        });
        return new Call(purchases.find(purchaseId).orElseThrow(), delivered[0], draft);
    }

    private static AccountRef wallet(SignedInAccount client, Money money) {
        return AccountRef.wallet(client.id(), money.currency());
    }

    private static AccountRef escrow(Money money) {
        return AccountRef.platform(AccountKind.ESCROW, money.currency());
    }

    private static String purchaseKey(SignedInAccount client, String idempotencyKey) {
        return "api:" + client.id() + ":key:" + idempotencyKey;
    }
}
