package dev.atelier.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.atelier.Api;
import dev.atelier.AtelierTest;
import dev.atelier.identity.AccountId;

/**
 * Subscribing, renewal, past due and cancellation. Renewal runs at explicit instants; since other tests' creators
 * share the database and may be due too, assertions are about this test's creator only.
 */
@AtelierTest
class SubscriptionTests {

    @Autowired
    Api api;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    Entitlements entitlements;

    @Test
    void a_renewal_charges_the_next_period_and_continues_from_the_old_end() throws Exception {
        var creator = api.approvedCreator(5_000);
        var first = subscribe(creator);
        subscriptions.renewDue(first.periodEnd().plusSeconds(1));
        var renewed = subscriptions.of(id(creator)).orElseThrow();
        assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(renewed.periodStart()).isEqualTo(first.periodEnd());
        assertThat(renewed.periodEnd()).isAfter(first.periodEnd().plusSeconds(27 * 86_400));
        assertThat(walletMinor(creator)).isZero();
    }

    @Test
    void two_nodes_renewing_at_once_charge_once() throws Exception {
        var creator = api.approvedCreator(10_000);
        var first = subscribe(creator);
        var due = first.periodEnd().plusSeconds(1);
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> subscriptions.renewDue(due)),
                CompletableFuture.runAsync(() -> subscriptions.renewDue(due))).join();
        assertThat(walletMinor(creator)).isEqualTo(10_000 - 2 * 2_500);
        assertThat(subscriptions.of(id(creator)).orElseThrow().periodStart()).isEqualTo(first.periodEnd());
    }

    @Test
    void a_renewal_without_funds_goes_past_due_until_the_wallet_is_topped_up() throws Exception {
        var creator = api.approvedCreator(2_500);
        var first = subscribe(creator);
        var due = first.periodEnd().plusSeconds(1);
        subscriptions.renewDue(due);
        assertThat(subscriptions.of(id(creator)).orElseThrow().status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        var entitlement = entitlements.check(id(creator));
        assertThat(entitlement.allowed()).isFalse();
        assertThat(entitlement.reason()).isEqualTo(Entitlement.Reason.PAST_DUE);
        assertThat(entitlement.message()).contains("Top up your wallet");

        api.topUp(creator, 2_500, UUID.randomUUID().toString()).andExpect(status().isCreated());
        var later = due.plusSeconds(3_600);
        subscriptions.renewDue(later);
        var recovered = subscriptions.of(id(creator)).orElseThrow();
        assertThat(recovered.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(recovered.periodStart()).as("a late renewal starts when paid").isEqualTo(later);
        assertThat(entitlements.check(id(creator)).allowed()).isTrue();
        assertThat(walletMinor(creator)).isZero();
    }

    @Test
    void cancelling_keeps_features_until_the_period_ends_and_then_stops_without_a_charge() throws Exception {
        var creator = api.approvedCreator(10_000);
        var first = subscribe(creator);
        api.as(creator, post("/api/subscription/cancel")).andExpect(status().isOk())
                .andExpect(jsonPath("$.cancelAtPeriodEnd").value(true));
        assertThat(entitlements.check(id(creator)).allowed()).isTrue();

        subscriptions.renewDue(first.periodEnd().plusSeconds(1));
        assertThat(subscriptions.of(id(creator)).orElseThrow().status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(entitlements.check(id(creator)).reason()).isEqualTo(Entitlement.Reason.CANCELED);
        assertThat(walletMinor(creator)).isEqualTo(7_500);

        api.as(creator, post("/api/subscription").header("Idempotency-Key", "again")).andExpect(status().isCreated());
        assertThat(entitlements.check(id(creator)).allowed()).isTrue();
        assertThat(walletMinor(creator)).isEqualTo(5_000);
    }

    @Test
    void resuming_before_the_end_renews_as_usual() throws Exception {
        var creator = api.approvedCreator(10_000);
        var first = subscribe(creator);
        api.as(creator, post("/api/subscription/cancel")).andExpect(status().isOk());
        api.as(creator, post("/api/subscription/resume")).andExpect(status().isOk())
                .andExpect(jsonPath("$.cancelAtPeriodEnd").value(false));
        subscriptions.renewDue(first.periodEnd().plusSeconds(1));
        assertThat(walletMinor(creator)).isEqualTo(5_000);
    }

    @Test
    void subscribing_needs_approval_funds_and_a_creator_account() throws Exception {
        var applicant = api.applicant();
        api.as(applicant, post("/api/subscription").header("Idempotency-Key", "k"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Not vetted yet"));

        var broke = api.approvedCreator(0);
        api.as(broke, post("/api/subscription").header("Idempotency-Key", "k"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.title").value("Insufficient funds"));
        api.as(broke, get("/api/subscription")).andExpect(status().isNotFound());

        var client = api.signUp("CLIENT");
        api.as(client, post("/api/subscription").header("Idempotency-Key", "k")).andExpect(status().isForbidden());
        api.as(applicant, post("/api/subscription")).andExpect(status().isBadRequest());
    }

    @Test
    void the_entitlement_explains_each_missing_step() throws Exception {
        var creator = api.signUp("CREATOR");
        assertThat(entitlements.check(id(creator)).message()).isEqualTo("Apply to be vetted first.");
        var client = api.signUp("CLIENT");
        assertThat(entitlements.check(id(client)).reason()).isEqualTo(Entitlement.Reason.NOT_A_CREATOR);
        var approved = api.approvedCreator(0);
        assertThat(entitlements.check(id(approved)).message()).contains("25.00 USD");
    }

    private Subscription subscribe(Api.Actor creator) throws Exception {
        api.as(creator, post("/api/subscription").header("Idempotency-Key", UUID.randomUUID().toString()))
                .andExpect(status().isCreated());
        return subscriptions.of(id(creator)).orElseThrow();
    }

    private long walletMinor(Api.Actor actor) throws Exception {
        return api.body(api.as(actor, get("/api/ledger/accounts"))).get(0).get("balance").get("minor").asLong();
    }

    private static AccountId id(Api.Actor actor) {
        return AccountId.parse(actor.id());
    }

}
