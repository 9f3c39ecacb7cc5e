package dev.atelier.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.atelier.identity.AccountId;
import dev.atelier.identity.AuditLog;
import dev.atelier.identity.Role;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.identity.Vetting;
import dev.atelier.identity.VettingStatus;
import dev.atelier.ledger.AccountKind;
import dev.atelier.ledger.AccountRef;
import dev.atelier.ledger.InsufficientFunds;
import dev.atelier.ledger.Ledger;
import dev.atelier.ledger.Money;
import dev.atelier.ledger.Transfer;
import dev.atelier.problem.ProblemException;

/**
 * Subscribing, cancelling and renewing. Every charge goes through the ledger with the subscription change in the
 * same transaction, keyed so that neither a retried request nor two nodes running the renewal job charge twice.
 * A period change is a conditional update on the period it replaces, so concurrent attempts cannot both apply.
 */
@Component
public class Subscriptions {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    /** How a renewal pass went: periods renewed, subscriptions that went past due, and ones that ended. */
    public record RenewalRun(int renewed, int pastDue, int canceled) {
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Vetting vetting;
    private final AuditLog audit;
    private final SubscriptionSettings settings;
    private final Clock clock;

    Subscriptions(JdbcClient jdbc, Ledger ledger, Vetting vetting, AuditLog audit, SubscriptionSettings settings,
                  Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.vetting = vetting;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    public Optional<Subscription> of(AccountId creator) {
        return jdbc.sql("select * from subscription where creator_id = :creator")
                .param("creator", creator.value())
                .query(Subscriptions::subscription)
                .optional();
    }

    public Money price() {
        return settings.price();
    }

    public String planName() {
        return settings.planName();
    }

    /**
     * Charges the first period and activates the subscription. The same idempotency key returns the subscription
     * it paid for without charging again.
     */
    public Subscription subscribe(SignedInAccount creator, String idempotencyKey) {
        if (!creator.is(Role.CREATOR)) {
            throw ProblemException.forbidden("Not a creator", "Only creators subscribe to " + settings.planName() + ".");
        }
        var key = "subscribe:" + creator.id() + ":" + idempotencyKey;
        if (ledger.find(key).isPresent()) {
            return of(creator.id()).orElseThrow();
        }
        var vettingStatus = vetting.statusOf(creator.id());
        if (vettingStatus != VettingStatus.APPROVED) {
            throw ProblemException.conflict("Not vetted yet", "You can subscribe once your application is approved; "
                    + "it is " + vettingStatus.label().toLowerCase() + ".");
        }
        var now = clock.instant();
        refuseIfPaidUp(of(creator.id()), now);
        var price = settings.price();
        var transfer = Transfer.between(key, "SUBSCRIPTION", settings.planName() + " subscription",
                AccountRef.wallet(creator.id(), price.currency()),
                AccountRef.platform(AccountKind.SUBSCRIPTION_REVENUE, price.currency()), price);
        ledger.post(transfer, receipt -> {
            var current = lockedOf(creator.id());
            refuseIfPaidUp(current, now);
            var end = now.atOffset(ZoneOffset.UTC).plus(settings.period()).toInstant();
            if (current.isPresent()) {
                update(creator.id(), SubscriptionStatus.ACTIVE, now, end);
            } else {
                insert(creator.id(), now, end);
            }
            audit.record(creator.id(), creator.email(), "SUBSCRIBED", "account:" + creator.id(),
                    settings.planName() + ", " + price.format());
        });
        return of(creator.id()).orElseThrow();
    }

    /** Stops renewal; features stay on until the end of the period paid for. */
    @Transactional
    public Subscription cancel(SignedInAccount creator) {
        return setCancelAtPeriodEnd(creator, true, "SUBSCRIPTION_CANCELED");
    }

    /** Undoes a cancellation before the period ends. */
    @Transactional
    public Subscription resume(SignedInAccount creator) {
        return setCancelAtPeriodEnd(creator, false, "SUBSCRIPTION_RESUMED");
    }

    @Scheduled(fixedDelayString = "${atelier.subscription.renewal-check-interval:5m}", initialDelayString = "30s")
    void renewOnSchedule() {
        var run = renewDue(clock.instant());
        if (run.renewed() + run.pastDue() + run.canceled() > 0) {
            log.info("Subscription renewals: {} renewed, {} past due, {} ended", run.renewed(), run.pastDue(),
                    run.canceled());
        }
    }

    /** Renews, ends or marks past due every subscription whose period ended by {@code now}. */
    public RenewalRun renewDue(Instant now) {
        List<Subscription> due = jdbc.sql("""
                        select * from subscription
                        where status in ('ACTIVE', 'PAST_DUE') and current_period_end <= :now""")
                .param("now", utc(now))
                .query(Subscriptions::subscription)
                .list();
        int renewed = 0, pastDue = 0, canceled = 0;
        for (var subscription : due) {
            if (subscription.status() == SubscriptionStatus.ACTIVE && subscription.cancelAtPeriodEnd()) {
                canceled += transition(subscription, SubscriptionStatus.CANCELED, subscription.periodStart(),
                        subscription.periodEnd()) ? 1 : 0;
            } else if (subscription.renewableAt(now)) {
                try {
                    renewed += renew(subscription, now) ? 1 : 0;
                } catch (InsufficientFunds e) {
                    if (subscription.status() == SubscriptionStatus.ACTIVE) {
                        pastDue += transition(subscription, SubscriptionStatus.PAST_DUE, subscription.periodStart(),
                                subscription.periodEnd()) ? 1 : 0;
                    }
                } catch (ProblemException e) {
                    log.info("Renewal of {} skipped: {}", subscription.creator(), e.detail());
                }
            }
        }
        return new RenewalRun(renewed, pastDue, canceled);
    }

    /** An on-time renewal continues from the old period's end; a late one after being past due starts now. */
    private boolean renew(Subscription subscription, Instant now) {
        var start = subscription.status() == SubscriptionStatus.ACTIVE ? subscription.periodEnd() : now;
        var end = start.atOffset(ZoneOffset.UTC).plus(settings.period()).toInstant();
        var key = "renewal:" + subscription.creator() + ":" + subscription.periodEnd().toEpochMilli() + ":"
                + subscription.status();
        var price = subscription.price();
        var receipt = ledger.post(Transfer.between(key, "SUBSCRIPTION", subscription.plan() + " renewal",
                AccountRef.wallet(subscription.creator(), price.currency()),
                AccountRef.platform(AccountKind.SUBSCRIPTION_REVENUE, price.currency()), price), written -> {
            if (!transition(subscription, SubscriptionStatus.ACTIVE, start, end)) {
                throw ProblemException.conflict("Renewed already", "Another node renewed this subscription.");
            }
            audit.record(subscription.creator(), null, "SUBSCRIPTION_RENEWED", "account:" + subscription.creator(),
                    price.format());
        });
        return !receipt.replayed();
    }

    private Subscription setCancelAtPeriodEnd(SignedInAccount creator, boolean cancel, String action) {
        var subscription = of(creator.id()).filter(found -> found.status() == SubscriptionStatus.ACTIVE)
                .orElseThrow(() -> ProblemException.conflict("No active subscription",
                        "You have no active subscription to " + (cancel ? "cancel." : "resume.")));
        jdbc.sql("update subscription set cancel_at_period_end = :cancel, updated_at = :now where creator_id = :creator")
                .param("cancel", cancel)
                .param("now", utc(clock.instant()))
                .param("creator", creator.id().value())
                .update();
        audit.record(creator.id(), creator.email(), action, "account:" + creator.id(),
                "period ends " + subscription.periodEnd());
        return of(creator.id()).orElseThrow();
    }

    private void refuseIfPaidUp(Optional<Subscription> current, Instant now) {
        if (current.isPresent() && current.get().paidUpAt(now)) {
            throw ProblemException.conflict("Already subscribed", current.get().cancelAtPeriodEnd()
                    ? "Your subscription runs until " + current.get().periodEnd() + "; resume it instead."
                    : "You are subscribed until " + current.get().periodEnd() + ".");
        }
    }

    private Optional<Subscription> lockedOf(AccountId creator) {
        return jdbc.sql("select * from subscription where creator_id = :creator for update")
                .param("creator", creator.value())
                .query(Subscriptions::subscription)
                .optional();
    }

    private void insert(AccountId creator, Instant start, Instant end) {
        jdbc.sql("""
                        insert into subscription (creator_id, plan, price_minor, currency, status, current_period_start,
                            current_period_end, cancel_at_period_end, updated_at)
                        values (:creator, :plan, :price, :currency, 'ACTIVE', :start, :end, false, :start)""")
                .param("creator", creator.value())
                .param("plan", settings.planName())
                .param("price", settings.priceMinor())
                .param("currency", settings.currency().getCurrencyCode())
                .param("start", utc(start))
                .param("end", utc(end))
                .update();
    }

    private void update(AccountId creator, SubscriptionStatus status, Instant start, Instant end) {
        jdbc.sql("""
                        update subscription set status = :status, current_period_start = :start,
                            current_period_end = :end, cancel_at_period_end = false, plan = :plan,
                            price_minor = :price, currency = :currency, updated_at = :now
                        where creator_id = :creator""")
                .param("status", status.name())
                .param("start", utc(start))
                .param("end", utc(end))
                .param("plan", settings.planName())
                .param("price", settings.priceMinor())
                .param("currency", settings.currency().getCurrencyCode())
                .param("now", utc(clock.instant()))
                .param("creator", creator.value())
                .update();
    }

    /** Moves the subscription on only if it is still in the state it was read in. */
    private boolean transition(Subscription from, SubscriptionStatus to, Instant start, Instant end) {
        return jdbc.sql("""
                        update subscription set status = :to, current_period_start = :start, current_period_end = :end,
                            updated_at = :now
                        where creator_id = :creator and status = :from and current_period_end = :oldEnd""")
                .param("to", to.name())
                .param("start", utc(start))
                .param("end", utc(end))
                .param("now", utc(clock.instant()))
                .param("creator", from.creator().value())
                .param("from", from.status().name())
                .param("oldEnd", utc(from.periodEnd()))
                .update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Subscription subscription(ResultSet rs, int row) throws SQLException {
        return new Subscription(new AccountId(rs.getObject("creator_id", UUID.class)), rs.getString("plan"),
                new Money(rs.getLong("price_minor"), Currency.getInstance(rs.getString("currency"))),
                SubscriptionStatus.valueOf(rs.getString("status")),
                rs.getObject("current_period_start", OffsetDateTime.class).toInstant(),
                rs.getObject("current_period_end", OffsetDateTime.class).toInstant(),
                rs.getBoolean("cancel_at_period_end"));
    }
}
