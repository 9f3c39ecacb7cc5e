package dev.atelier.generation;

import dev.atelier.engine.Completion;
import dev.atelier.identity.AccountId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.ledger.AccountKind;
import dev.atelier.ledger.AccountRef;
import dev.atelier.ledger.Ledger;
import dev.atelier.ledger.Money;
import dev.atelier.ledger.Transfer;
import dev.atelier.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Billed generations for the OpenAI-compatible API. A call first holds the most it can cost (its token limit
 * priced as words) in escrow, so concurrent calls can never spend more than the wallet holds; after generating it
 * settles in one transfer: the actual price to the creator and the platform, the rest back to the wallet. A call
 * that fails releases its hold. Each billed call is a purchase with a delivery, a licence and a manifest.
 */
@Component
class ApiCalls {

    /** A hold is abandoned when it is this much older than the longest a generation may run. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

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
        return purchases.byKey(purchaseKey(client.id(), idempotencyKey)).map(purchase -> {
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
    record Hold(UUID callId, AccountId client, Offering offering, String key, Money amount) {
    }

    /**
     * Holds the most the call can cost. Refused, with nothing held, when the offering is the client's own, no model
     * can serve, or the wallet holds less than the hold.
     */
    Hold hold(AccountId client, Offering offering, int maxTokens, @Nullable String idempotencyKey) {
        Previews.refuseOwn(client, offering);
        drafts.requireEngine();
        var callId = UUID.randomUUID();
        var key = idempotencyKey == null ? "api:" + client + ":" + callId : purchaseKey(client, idempotencyKey);
        var amount = offering.maxPriceFor(maxTokens);
        ledger.post(Transfer.between("api-hold:" + callId, "API_HOLD", offering.title(), wallet(client, amount),
                escrow(amount), amount), held -> jdbc.sql("""
                        insert into api_hold (call_id, client_id, offering_id, amount_minor, currency, status, created_at)
                        values (:call, :client, :offering, :amount, :currency, 'HELD', :now)""")
                .param("call", callId).param("client", client.value()).param("offering", offering.id())
                .param("amount", amount.minor()).param("currency", amount.currency().getCurrencyCode())
                .param("now", now()).update());
        return new Hold(callId, client, offering, key, amount);
    }

    /**
     * Returns a hold to the wallet, at most once: the hold's row changes state in the same transaction as the
     * money, so a hold already settled or released is left alone.
     */
    private void release(UUID callId, AccountId client, Money amount, String memo) {
        try {
            ledger.post(Transfer.between("api-release:" + callId, "API_RELEASE", memo, escrow(amount),
                    wallet(client, amount), amount), released -> close(callId, "RELEASED"));
        } catch (HoldClosed alreadyClosed) {
            // Settled or released by another path a moment ago: nothing is owed.
        }
    }

    /** Releases the holds of calls that cannot still be running: their node stopped between hold and settlement. */
    @Scheduled(fixedDelayString = "1m", initialDelayString = "1m")
    void releaseAbandonedHolds() {
        releaseHoldsOlderThan(clock.instant().minus(settings.timeout()).minus(ABANDONED_AFTER));
    }

    int releaseHoldsOlderThan(Instant cutoff) {
        record Open(UUID callId, AccountId client, Money amount) {
        }
        var open = jdbc.sql("""
                        select call_id, client_id, amount_minor, currency from api_hold
                        where status = 'HELD' and created_at < :cutoff""")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .query((rs, n) -> new Open(rs.getObject(1, UUID.class), new AccountId(rs.getObject(2, UUID.class)),
                        Money.of(rs.getLong(3), rs.getString(4))))
                .list();
        open.forEach(hold -> release(hold.callId(), hold.client(), hold.amount(), "Released: the call did not finish"));
        return open.size();
    }

    private void close(UUID callId, String status) {
        var closed = jdbc.sql("update api_hold set status = :status, closed_at = :now where call_id = :call "
                        + "and status = 'HELD'")
                .param("status", status).param("now", now()).param("call", callId).update();
        if (closed == 0) {
            throw new HoldClosed();
        }
    }

    /** The hold was settled or released already; thrown inside a ledger transaction to roll it back. */
    private static final class HoldClosed extends RuntimeException {
        HoldClosed() {
            super("the hold is already closed", null, false, false);
        }
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
            release(hold.callId(), hold.client(), hold.amount(), offering.title());
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
        try {
            ledger.post(new Transfer(settleKey, "API_CALL", offering.title(), legs), settled -> {
                close(hold.callId(), "SETTLED");
                purchases.insert(purchaseId, Purchase.Source.API, null, offering, hold.client(), hold.key(), price,
                        fee, Purchase.Status.DELIVERED, settled);
                delivered[0] = deliveries.deliver(purchases.find(purchaseId).orElseThrow(), offering, draft.text(),
                        false, draft.engineModel());
                jdbc.sql("""
                                insert into api_call (id, purchase_id, client_id, offering_id, prompt_tokens,
                                    completion_tokens, streamed, finish_reason, created_at)
                                values (:id, :purchase, :client, :offering, :prompt, :completion, :streamed,
                                    :finish, :now)""")
                        .param("id", hold.callId()).param("purchase", purchaseId)
                        .param("client", hold.client().value()).param("offering", offering.id())
                        .param("prompt", draft.promptTokens()).param("completion", draft.completionTokens())
                        .param("streamed", streamed).param("finish", draft.finishReason().name())
                        .param("now", now())
                        .update();
                events.publishEvent(new AssetPurchased(purchaseId, offering.id(), offering.creator(), hold.client(),
                        price, fee, Purchase.Source.API, true));
            });
        } catch (HoldClosed expired) {
            throw new ProblemException(HttpStatus.GATEWAY_TIMEOUT, "Call expired", "The call ran so long that its "
                    + "hold was released; nothing was charged.");
        }
        return new Call(purchases.find(purchaseId).orElseThrow(), delivered[0], draft);
    }


    private static AccountRef wallet(AccountId client, Money money) {
        return AccountRef.wallet(client, money.currency());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static AccountRef escrow(Money money) {
        return AccountRef.platform(AccountKind.ESCROW, money.currency());
    }

    private static String purchaseKey(AccountId client, String idempotencyKey) {
        return "api:" + client + ":key:" + idempotencyKey;
    }
}
