package dev.atelier.generation;

import dev.atelier.identity.AccountId;
import dev.atelier.identity.AuditLog;
import dev.atelier.identity.CreatorId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.ledger.AccountKind;
import dev.atelier.ledger.AccountRef;
import dev.atelier.ledger.Ledger;
import dev.atelier.ledger.Money;
import dev.atelier.ledger.Receipt;
import dev.atelier.ledger.Transfer;
import dev.atelier.problem.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Buying assets, and the creator's review of purchases that wait for it. Money moves only through the ledger, and
 * every state change commits in the ledger's transaction, so a purchase exists exactly when it was paid for.
 *
 * <p>Without review the client's wallet pays the creator's earnings and the platform's fee in one transfer. With
 * review it pays into escrow; the creator's release moves escrow to earnings and fee, a rejection moves it back
 * to the wallet. Approve and reject race safely: each is a conditional update inside its own transfer, so the
 * loser's transfer rolls back.
 */
@Component
public class Purchases {

    private static final String SELECT = """
            select pu.*, o.title as offering_title, c.display_name as client_name, d.id as delivery_id
            from purchase pu join offering o on o.id = pu.offering_id join account c on c.id = pu.client_id
                 left join delivery d on d.purchase_id = pu.id
            """;

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Offerings offerings;
    private final Previews previews;
    private final Deliveries deliveries;
    private final GenerationSettings settings;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    Purchases(JdbcClient jdbc, Ledger ledger, Offerings offerings, Previews previews, Deliveries deliveries,
              GenerationSettings settings, ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.offerings = offerings;
        this.previews = previews;
        this.deliveries = deliveries;
        this.settings = settings;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Buys the full draft behind a preview at the offering's current price. Repeating the call with the same key
     * returns the same purchase and moves no money.
     *
     * @param expectedPrice the price the client agreed to, in minor units; when given and the price has changed
     *        since, nothing is bought (409)
     */
    public Purchase buyPreview(SignedInAccount client, UUID previewId, String idempotencyKey,
                               @Nullable Long expectedPrice) {
        var key = "purchase:" + client.id() + ":" + idempotencyKey;
        var replayed = byKey(key);
        if (replayed.isPresent()) {
            return replayed.get();
        }
        var preview = previews.find(client.id(), previewId).orElseThrow(() -> ProblemException.notFound(
                "No such preview", "You have no preview with id " + previewId + "."));
        if (preview.isPurchased()) {
            throw ProblemException.conflict("Already bought", "You bought this preview already: purchase "
                    + preview.purchaseId() + ".");
        }
        if (!preview.isReady() || preview.words() == null || preview.fullText() == null) {
            throw ProblemException.conflict("Preview not ready", "This preview is "
                    + preview.status().name().toLowerCase() + "; only a ready preview can be bought.");
        }
        var offering = offerings.find(preview.offeringId()).filter(Offering::isPublished).orElseThrow(() ->
                ProblemException.conflict("Offering unpublished", "'" + preview.offeringTitle()
                        + "' is no longer on sale."));
        Previews.refuseOwn(client.id(), offering);
        var price = offering.priceFor(preview.words());
        if (expectedPrice != null && expectedPrice != price.minor()) {
            throw ProblemException.conflict("Price changed", "The price is now " + price.format() + " (you agreed to "
                    + new Money(expectedPrice, price.currency()).format() + "). Review it and buy again.");
        }
        var fee = new Money(settings.feeOn(price.minor()), price.currency());
        var id = UUID.randomUUID();
        var text = preview.fullText();
        var engineModel = engineModelOf(previewId);
        Receipt receipt;
        try {
            receipt = ledger.post(offering.reviewBeforeRelease()
                ? Transfer.between(key, "PURCHASE_HELD", offering.title(), AccountRef.wallet(client.id(), price.currency()),
                        AccountRef.platform(AccountKind.ESCROW, price.currency()), price)
                : payout(key, "PURCHASE", offering.title(), AccountRef.wallet(client.id(), price.currency()), offering,
                        price, fee),
                paid -> {
                    var status = offering.reviewBeforeRelease() ? Purchase.Status.AWAITING_REVIEW
                            : Purchase.Status.DELIVERED;
                    insert(id, Purchase.Source.PREVIEW, previewId, offering, client.id(), key, price, fee, status, paid);
                    var purchase = find(id).orElseThrow();
                    if (status == Purchase.Status.DELIVERED) {
                        deliveries.deliver(purchase, offering, text, false, engineModel);
                    }
                    events.publishEvent(new AssetPurchased(id, offering.id(), offering.creator(), client.id(), price,
                            fee, Purchase.Source.PREVIEW, status == Purchase.Status.DELIVERED));
                });
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("Already bought", "This preview was bought a moment ago.");
        }
        return receipt.replayed() ? byKey(key).orElseThrow() : find(id).orElseThrow();
    }

    /** Releases a purchase that waits for review, as written or with the creator's edit. */
    public Purchase approve(CreatorId creator, String email, UUID purchaseId, @Nullable String editedText) {
        var purchase = awaitingReview(creator, purchaseId);
        var offering = offerings.find(purchase.offeringId()).orElseThrow();
        var edited = editedText != null && !editedText.isBlank();
        var text = edited ? editedText.strip() : fullTextOf(purchase);
        if (text.length() > 200_000) {
            throw ProblemException.badRequest("Text too long", "An asset can hold at most 200,000 characters.");
        }
        var escrow = AccountRef.platform(AccountKind.ESCROW, purchase.price().currency());
        ledger.post(payout("release:" + purchaseId, "PURCHASE_RELEASED", offering.title(), escrow, offering,
                purchase.price(), purchase.fee()), released -> {
            decide(purchaseId, Purchase.Status.DELIVERED, null, released);
            deliveries.deliver(find(purchaseId).orElseThrow(), offering, text, edited,
                    purchase.previewId() == null ? "" : engineModelOf(purchase.previewId()));
            audit.record(creator.account(), email, edited ? "PURCHASE_EDITED_AND_RELEASED" : "PURCHASE_RELEASED",
                    "purchase:" + purchaseId, purchase.price().format());
        });
        return find(purchaseId).orElseThrow();
    }

    /** Rejects a purchase that waits for review and refunds the client in full. */
    public Purchase reject(CreatorId creator, String email, UUID purchaseId, @Nullable String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw ProblemException.badRequest("Reason required", "Tell the client why, in 1 to 1000 characters.");
        }
        var purchase = awaitingReview(creator, purchaseId);
        var currency = purchase.price().currency();
        ledger.post(Transfer.between("refund:" + purchaseId, "PURCHASE_REFUNDED", purchase.offeringTitle(),
                AccountRef.platform(AccountKind.ESCROW, currency), AccountRef.wallet(purchase.client(), currency),
                purchase.price()), refunded -> {
            decide(purchaseId, Purchase.Status.REJECTED, reason.strip(), refunded);
            audit.record(creator.account(), email, "PURCHASE_REJECTED", "purchase:" + purchaseId, reason.strip());
        });
        return find(purchaseId).orElseThrow();
    }

    public Optional<Purchase> find(UUID id) {
        return jdbc.sql(SELECT + " where pu.id = :id").param("id", id).query(this::purchase).optional();
    }

    public List<Purchase> ofClient(AccountId client, int limit) {
        return jdbc.sql(SELECT + " where pu.client_id = :client order by pu.created_at desc fetch first :limit rows only")
                .param("client", client.value()).param("limit", limit).query(this::purchase).list();
    }

    /** The creator's sales, newest first; {@code status} narrows them (the review queue is AWAITING_REVIEW). */
    public List<Purchase> ofCreator(CreatorId creator, Purchase.@Nullable Status status, int limit) {
        return jdbc.sql(SELECT + " where pu.creator_id = :creator" + (status == null ? "" : " and pu.status = :status")
                        + " order by pu.created_at desc fetch first :limit rows only")
                .param("creator", creator.value()).param("status", status == null ? "" : status.name())
                .param("limit", limit).query(this::purchase).list();
    }

    /** What a creator has sold and been paid for, in one currency. */
    public record SalesTotals(int count, Money gross, Money fees, Money earnings) {
    }

    /** Sums over every delivered sale of the creator in {@code currency}. */
    public SalesTotals totals(CreatorId creator, Currency currency) {
        return jdbc.sql("""
                        select count(*), coalesce(sum(price_minor), 0), coalesce(sum(fee_minor), 0) from purchase
                        where creator_id = :creator and status = 'DELIVERED' and currency = :currency""")
                .param("creator", creator.value()).param("currency", currency.getCurrencyCode())
                .query((rs, n) -> new SalesTotals(rs.getInt(1), new Money(rs.getLong(2), currency),
                        new Money(rs.getLong(3), currency), new Money(rs.getLong(2) - rs.getLong(3), currency)))
                .single();
    }

    /** The full draft of a purchase waiting for review, for the creator to read before releasing it. */
    public String fullTextOf(Purchase purchase) {
        if (purchase.previewId() == null) {
            throw new IllegalStateException("purchase " + purchase.id() + " has no preview");
        }
        return jdbc.sql("select full_text from preview where id = :id").param("id", purchase.previewId())
                .query(String.class).single();
    }

    /**
     * One transfer from {@code from} to the creator's earnings and the platform's revenue; a leg of zero (a fee of 0%,
     * or of 100%) is left out.
     */
    static Transfer payout(String key, String kind, String memo, AccountRef from, Offering offering, Money price,
                           Money fee) {
        var currency = price.currency();
        var legs = new ArrayList<Transfer.Leg>();
        legs.add(new Transfer.Leg(from, -price.minor()));
        if (price.minor() - fee.minor() > 0) {
            legs.add(new Transfer.Leg(AccountRef.earnings(offering.creator().account(), currency),
                    price.minor() - fee.minor()));
        }
        if (fee.minor() > 0) {
            legs.add(new Transfer.Leg(AccountRef.platform(AccountKind.PLATFORM_REVENUE, currency), fee.minor()));
        }
        return new Transfer(key, kind, memo, legs);
    }

    Optional<Purchase> byKey(String key) {
        return jdbc.sql(SELECT + " where pu.idempotency_key = :key").param("key", key).query(this::purchase).optional();
    }

    void insert(UUID id, Purchase.Source source, @Nullable UUID previewId, Offering offering, AccountId client,
                String key, Money price, Money fee, Purchase.Status status, Receipt paid) {
        jdbc.sql("""
                        insert into purchase (id, source, preview_id, offering_id, client_id, creator_id,
                            idempotency_key, price_minor, fee_minor, currency, status, payment_tx, created_at,
                            decided_at)
                        values (:id, :source, :preview, :offering, :client, :creator, :key, :price, :fee, :currency,
                            :status, :tx, :now, :decided)""")
                .param("id", id).param("source", source.name()).param("preview", previewId)
                .param("offering", offering.id()).param("client", client.value())
                .param("creator", offering.creator().value()).param("key", key).param("price", price.minor())
                .param("fee", fee.minor()).param("currency", price.currency().getCurrencyCode())
                .param("status", status.name()).param("tx", paid.transactionId()).param("now", now())
                .param("decided", status == Purchase.Status.AWAITING_REVIEW ? null : now())
                .update();
    }

    private Purchase awaitingReview(CreatorId creator, UUID purchaseId) {
        var purchase = find(purchaseId).filter(found -> found.creator().equals(creator)).orElseThrow(() ->
                ProblemException.notFound("No such purchase", "You have no sale with id " + purchaseId + "."));
        if (!purchase.awaitsReview()) {
            throw ProblemException.conflict("Already decided", "This purchase is "
                    + purchase.status().label().toLowerCase() + ".");
        }
        return purchase;
    }

    private void decide(UUID purchaseId, Purchase.Status status, @Nullable String reason, Receipt settlement) {
        var changed = jdbc.sql("""
                        update purchase set status = :status, reject_reason = :reason, settlement_tx = :tx,
                            decided_at = :now
                        where id = :id and status = 'AWAITING_REVIEW'""")
                .param("status", status.name()).param("reason", reason).param("tx", settlement.transactionId())
                .param("now", now()).param("id", purchaseId).update();
        if (changed == 0) {
            throw ProblemException.conflict("Already decided", "This purchase was decided a moment ago.");
        }
    }

    private String engineModelOf(UUID previewId) {
        return jdbc.sql("select engine_model from preview where id = :id").param("id", previewId)
                .query(String.class).optional().orElse("");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private Purchase purchase(ResultSet rs, int row) throws SQLException {
        var currency = Currency.getInstance(rs.getString("currency"));
        var decided = rs.getObject("decided_at", OffsetDateTime.class);
        return new Purchase(rs.getObject("id", UUID.class), Purchase.Source.valueOf(rs.getString("source")),
                rs.getObject("preview_id", UUID.class), rs.getObject("offering_id", UUID.class),
                rs.getString("offering_title"), new AccountId(rs.getObject("client_id", UUID.class)),
                rs.getString("client_name"), new CreatorId(rs.getObject("creator_id", UUID.class)),
                new Money(rs.getLong("price_minor"), currency), new Money(rs.getLong("fee_minor"), currency),
                Purchase.Status.valueOf(rs.getString("status")), rs.getString("reject_reason"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                decided == null ? null : decided.toInstant(), rs.getObject("delivery_id", UUID.class));
    }
}
