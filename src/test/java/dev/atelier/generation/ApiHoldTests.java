package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.Api;
import dev.atelier.AtelierTest;
import dev.atelier.identity.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Money an API call holds is never lost: a call whose node died before settling has its hold released. */
@AtelierTest
class ApiHoldTests {

    @Autowired
    Api api;

    @Autowired
    ApiCalls calls;

    @Autowired
    Offerings offerings;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_hold_left_by_a_call_that_never_finished_goes_back_to_the_wallet_once() throws Exception {
        var market = new Market(api);
        var creator = market.trainedCreator();
        var offering = offerings.findBySlug(market.publish(creator, Map.of("price", "3.00")).get("slug").asString())
                .orElseThrow();
        var client = market.client(1_000);

        var hold = calls.hold(new AccountId(UUID.fromString(client.id())), offering, 32, null);
        assertThat(market.balance(client, "WALLET")).isEqualTo(700);
        assertThat(calls.releaseHoldsOlderThan(Instant.now().minus(Duration.ofMinutes(1)))).isZero();
        assertThat(market.balance(client, "WALLET")).isEqualTo(700);

        assertThat(calls.releaseHoldsOlderThan(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(1);
        assertThat(market.balance(client, "WALLET")).isEqualTo(1_000);
        assertThat(jdbc.sql("select status from api_hold where call_id = :id").param("id", hold.callId())
                .query(String.class).single()).isEqualTo("RELEASED");
        assertThat(calls.releaseHoldsOlderThan(Instant.now().plus(Duration.ofMinutes(1)))).isZero();
        assertThat(market.balance(client, "WALLET")).isEqualTo(1_000);
    }
}
