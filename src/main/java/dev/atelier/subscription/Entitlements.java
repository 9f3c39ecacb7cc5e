package dev.atelier.subscription;

import java.time.Clock;

import org.springframework.stereotype.Component;

import dev.atelier.identity.AccountId;
import dev.atelier.identity.Accounts;
import dev.atelier.identity.Vetting;
import dev.atelier.identity.VettingStatus;

/** The one question later modules ask before AI work: is this creator vetted and paid up? */
@Component
public class Entitlements {

    private final Accounts accounts;
    private final Vetting vetting;
    private final Subscriptions subscriptions;
    private final Clock clock;

    Entitlements(Accounts accounts, Vetting vetting, Subscriptions subscriptions, Clock clock) {
        this.accounts = accounts;
        this.vetting = vetting;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    public Entitlement check(AccountId creator) {
        if (accounts.find(creator).filter(account -> account.isCreator()).isEmpty()) {
            return Entitlement.no(Entitlement.Reason.NOT_A_CREATOR, "Only creator accounts use AI features.");
        }
        var vettingStatus = vetting.statusOf(creator);
        if (vettingStatus != VettingStatus.APPROVED) {
            return Entitlement.no(Entitlement.Reason.NOT_VETTED, switch (vettingStatus) {
                case NOT_APPLIED -> "Apply to be vetted first.";
                case SUBMITTED -> "Your application is waiting for review.";
                case CHANGES_REQUESTED -> "Reviewers asked for changes to your application.";
                default -> "Your application was not approved.";
            });
        }
        var subscription = subscriptions.of(creator);
        if (subscription.isEmpty()) {
            return Entitlement.no(Entitlement.Reason.NOT_SUBSCRIBED, "Subscribe to " + subscriptions.planName()
                    + " (" + subscriptions.price().format() + " a month) to turn on AI features.");
        }
        var now = clock.instant();
        if (subscription.get().paidUpAt(now)) {
            return Entitlement.yes();
        }
        return switch (subscription.get().status()) {
            case PAST_DUE -> Entitlement.no(Entitlement.Reason.PAST_DUE, "Your renewal of "
                    + subscription.get().price().format() + " could not be paid. Top up your wallet; "
                    + "renewal is retried automatically.");
            default -> Entitlement.no(Entitlement.Reason.CANCELED, "Your subscription ended on "
                    + subscription.get().periodEnd() + ". Subscribe again to turn AI features back on.");
        };
    }
}
