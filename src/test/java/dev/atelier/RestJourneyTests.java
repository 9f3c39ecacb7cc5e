package dev.atelier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** The acceptance journey of the foundation, over REST, as a new user would go through it. */
@AtelierTest
class RestJourneyTests {

    @Autowired
    Api api;

    @Test
    void creator_goes_from_sign_up_to_entitled_and_a_repeated_subscribe_charges_once() throws Exception {
        var creator = api.signUp("CREATOR");
        api.as(creator, get("/api/subscription/entitlement"))
                .andExpect(jsonPath("$.allowed").value(false))
                .andExpect(jsonPath("$.reason").value("NOT_VETTED"));

        api.as(creator, put("/api/vetting/application").contentType(MediaType.APPLICATION_JSON).content(api.write(Map.of(
                        "headline", "Voice artist for audiobooks",
                        "categories", List.of("voice", "narration"),
                        "portfolioLinks", List.of("https://example.test/voice"),
                        "statement", "Warm baritone, twelve audiobooks narrated, home studio with treated booth."))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SUBMITTED"));

        var reviewer = api.reviewer();
        api.as(reviewer, get("/api/vetting/queue"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.creator == '" + creator.id() + "')].headline")
                        .value("Voice artist for audiobooks"));
        api.as(reviewer, post("/api/vetting/applications/" + creator.id() + "/decision")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"APPROVE\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"));
        api.as(creator, get("/api/subscription/entitlement")).andExpect(jsonPath("$.reason").value("NOT_SUBSCRIBED"));

        api.topUp(creator, 10_000, "journey-top-up").andExpect(status().isCreated());

        var first = api.as(creator, post("/api/subscription").header("Idempotency-Key", "journey-subscribe"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andReturn().getResponse().getContentAsString();
        var again = api.as(creator, post("/api/subscription").header("Idempotency-Key", "journey-subscribe"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        assertThat(again).isEqualTo(first);

        api.as(creator, get("/api/subscription/entitlement"))
                .andExpect(jsonPath("$.allowed").value(true))
                .andExpect(jsonPath("$.reason").value("ENTITLED"));
        var accounts = api.body(api.as(creator, get("/api/ledger/accounts")).andExpect(status().isOk()));
        var wallet = accounts.get(0);
        assertThat(wallet.get("kind").asString()).isEqualTo("WALLET");
        assertThat(wallet.get("balance").get("minor").asLong()).as("charged 25.00 once").isEqualTo(7_500);
        api.as(creator, get("/api/ledger/accounts/" + wallet.get("id").asString() + "/postings"))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].kind").value("SUBSCRIPTION"));

        var client = api.signUp("CLIENT");
        api.as(client, get("/api/ledger/accounts/" + wallet.get("id").asString() + "/postings"))
                .andExpect(status().isNotFound());
        api.as(client, get("/api/ledger/accounts").param("owner", creator.id()))
                .andExpect(status().isForbidden());
    }

    @Test
    void a_top_up_key_reused_with_another_body_is_a_conflict_and_changes_nothing() throws Exception {
        var client = api.signUp("CLIENT");
        var original = api.topUp(client, 1_000, "reuse-me").andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "false"))
                .andReturn().getResponse().getContentAsString();
        var replay = api.topUp(client, 1_000, "reuse-me").andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat(replay).isEqualTo(original);
        api.topUp(client, 2_000, "reuse-me")
                .andExpect(status().isConflict())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.title").value("Idempotency key reused"));
        api.as(client, get("/api/ledger/accounts"))
                .andExpect(jsonPath("$[0].balance.minor").value(1_000));
    }

    @Test
    void invalid_input_is_a_problem_with_field_errors_and_creates_nothing() throws Exception {
        var email = Api.uniqueEmail("invalid");
        api.mvc().perform(post("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(api.write(Map.of(
                        "email", email, "password", "short", "displayName", "", "role", "CREATOR"))))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.errors[?(@.field == 'password')].message")
                        .value("Use a password of 10 to 128 characters."))
                .andExpect(jsonPath("$.errors[?(@.field == 'displayName')]").exists());
        api.mvc().perform(get("/api/accounts/me").header("Authorization", Api.basic(email, "short")))
                .andExpect(status().isUnauthorized());
        api.mvc().perform(post("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(api.write(Map.of(
                        "email", email, "password", "long-enough-password", "displayName", "Eve", "role", "ADMIN"))))
                .andExpect(status().isBadRequest());
        api.mvc().perform(post("/api/accounts").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    }

    @Test
    void signing_up_twice_with_one_email_is_a_conflict() throws Exception {
        var creator = api.signUp("CREATOR");
        api.mvc().perform(post("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(api.write(Map.of(
                        "email", creator.email().toUpperCase(), "password", "another-password", "displayName", "Copy",
                        "role", "CLIENT"))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Email already registered"));
    }
}
