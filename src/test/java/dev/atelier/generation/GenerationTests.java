package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.atelier.Api;
import dev.atelier.AtelierTest;
import dev.atelier.Fixtures;
import dev.atelier.ledger.AccountKind;
import dev.atelier.ledger.AccountRef;
import dev.atelier.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;

/** The marketplace end to end, on the real llama.cpp engine (tiny GGUF), ONNX embeddings, Lucene and database. */
@AtelierTest
class GenerationTests {

    private static final Currency USD = Currency.getInstance("USD");

    @Autowired
    Api api;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    Market market;

    /** Training takes seconds; tests that do not need a creator of their own share this one. */
    private static Api.Actor sharedCreator;

    private Api.Actor creator() throws Exception {
        if (sharedCreator == null) {
            sharedCreator = market.trainedCreator();
        }
        return sharedCreator;
    }

    @BeforeEach
    void market() {
        market = new Market(api);
    }

    @Test
    void a_client_previews_buys_and_verifies_an_asset_and_every_cent_lands_where_it_should() throws Exception {
        var creator = creator();
        var offering = market.publish(creator, Map.of("price", "12.34"));
        var slug = offering.get("slug").asString();
        var client = market.client(10_000);
        var earningsBefore = market.balance(creator, "EARNINGS");
        var platformBefore = ledger.balance(AccountRef.platform(AccountKind.PLATFORM_REVENUE, USD)).minor();

        var started = market.startPreview(client, slug, "A short essay on why small brands should write plainly.");
        var events = api.as(client, get("/api/previews/" + started.get("id").asString() + "/events"))
                .andExpect(request().asyncStarted()).andReturn();
        events.getAsyncResult(Market.WAIT.toMillis());
        var stream = events.getResponse().getContentAsString();
        assertThat(stream).contains("event:ready");
        var preview = market.readyPreview(client, slug);
        var shown = preview.get("shownText").asString();
        assertThat(shown).startsWith("[Preview · Atelier · Test creator]")
                .contains("more words after purchase]");
        assertThat(preview.get("shownWords").asInt()).isLessThan(preview.get("words").asInt());
        assertThat(api.body(api.as(client, get("/api/previews/" + preview.get("id").asString())))
                .has("fullText")).isFalse();

        var purchase = market.buy(client, preview.get("id").asString(), "buy-1");
        assertThat(purchase.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(purchase.get("price").get("minor").asLong()).isEqualTo(1234);
        assertThat(purchase.get("fee").get("minor").asLong()).isEqualTo(246);

        assertThat(market.balance(client, "WALLET")).isEqualTo(10_000 - 1234);
        assertThat(market.balance(creator, "EARNINGS") - earningsBefore).isEqualTo(1234 - 246);
        assertThat(ledger.balance(AccountRef.platform(AccountKind.PLATFORM_REVENUE, USD)).minor() - platformBefore)
                .isEqualTo(246);

        var deliveryId = purchase.get("deliveryId").asString();
        var asset = api.as(client, get("/api/deliveries/" + deliveryId + "/asset")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        var licence = api.body(api.as(client, get("/api/deliveries/" + deliveryId + "/licence"))
                .andExpect(status().isOk()));
        var manifest = api.as(client, get("/api/deliveries/" + deliveryId + "/manifest")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(asset, StandardCharsets.UTF_8)).doesNotContain("Preview · Atelier");
        assertThat(PreviewMark.words(new String(asset, StandardCharsets.UTF_8))).isEqualTo(preview.get("words").asInt());
        assertThat(licence.get("licensee").get("id").asString()).isEqualTo(client.id());
        assertThat(licence.get("licensor").get("id").asString()).isEqualTo(creator.id());
        assertThat(licence.get("asset").get("sha256").asString()).isEqualTo(Deliveries.sha256(
                new String(asset, StandardCharsets.UTF_8)));
        assertThat(licence.get("doNotTrain").asBoolean()).isTrue();

        verify(asset, manifest).andExpect(jsonPath("$.valid").value(true));
        var altered = asset.clone();
        altered[altered.length / 2] ^= 1;
        verify(altered, manifest).andExpect(jsonPath("$.valid").value(false));
    }

    @Test
    void previews_count_against_the_daily_free_quota_and_the_quota_is_enforced() throws Exception {
        var creator = creator();
        var slug = market.publish(creator, Map.of("freePreviewsPerDay", 1)).get("slug").asString();
        var client = market.client(0);

        assertThat(api.body(api.as(client, get("/api/offerings/" + slug))).get("freePreviewsPerDay").asInt())
                .isEqualTo(1);
        market.readyPreview(client, slug);
        api.as(client, post("/api/offerings/" + slug + "/previews").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"brief\":\"Another short essay about plain writing.\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.title").value("Free previews used up"));
        assertThat(api.body(api.as(client, get("/api/previews"))).size()).isEqualTo(1);
        market.readyPreview(market.client(0), slug);
    }

    @Test
    void buying_is_idempotent_and_a_preview_is_bought_once() throws Exception {
        var creator = creator();
        var slug = market.publish(creator, Map.of()).get("slug").asString();
        var client = market.client(2_000);
        var preview = market.readyPreview(client, slug).get("id").asString();

        var first = market.buy(client, preview, "same-key");
        var again = market.buy(client, preview, "same-key");
        assertThat(again.get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(market.balance(client, "WALLET")).isEqualTo(1_500);
        api.as(client, post("/api/previews/" + preview + "/purchase").header("Idempotency-Key", "other-key"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Already bought"));
        assertThat(market.balance(client, "WALLET")).isEqualTo(1_500);
    }

    @Test
    void insufficient_funds_is_a_clear_problem_and_moves_nothing() throws Exception {
        var creator = creator();
        var slug = market.publish(creator, Map.of("price", "30.00")).get("slug").asString();
        var client = market.client(1_000);
        var preview = market.readyPreview(client, slug).get("id").asString();
        var earningsBefore = market.balance(creator, "EARNINGS");

        api.as(client, post("/api/previews/" + preview + "/purchase").header("Idempotency-Key", "k"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.title").value("Insufficient funds"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("30.00")));
        assertThat(market.balance(client, "WALLET")).isEqualTo(1_000);
        assertThat(market.balance(creator, "EARNINGS")).isEqualTo(earningsBefore);
        assertThat(api.body(api.as(client, get("/api/purchases"))).size()).isZero();
    }

    @Test
    void with_review_before_release_money_waits_in_escrow_until_the_creator_releases_or_rejects() throws Exception {
        var creator = creator();
        var slug = market.publish(creator, Map.of("reviewBeforeRelease", true, "price", "10.00")).get("slug")
                .asString();
        var client = market.client(5_000);
        var earningsBefore = market.balance(creator, "EARNINGS");
        var escrowBefore = ledger.balance(AccountRef.platform(AccountKind.ESCROW, USD)).minor();

        var held = market.buy(client, market.readyPreview(client, slug).get("id").asString(), "a");
        assertThat(held.get("status").asString()).isEqualTo("AWAITING_REVIEW");
        assertThat(held.get("deliveryId").isNull()).isTrue();
        assertThat(market.balance(client, "WALLET")).isEqualTo(4_000);
        assertThat(ledger.balance(AccountRef.platform(AccountKind.ESCROW, USD)).minor() - escrowBefore)
                .isEqualTo(1_000);
        var queue = api.body(api.as(creator, get("/api/sales?status=AWAITING_REVIEW")));
        assertThat(queue.size()).isEqualTo(1);
        api.as(market.client(0), post("/api/sales/" + held.get("id").asString() + "/approve"))
                .andExpect(status().isForbidden());

        var released = api.body(api.as(creator, post("/api/sales/" + held.get("id").asString() + "/approve")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"editedText\":\"My own careful edit.\"}"))
                .andExpect(status().isOk()));
        assertThat(released.get("status").asString()).isEqualTo("DELIVERED");
        var delivery = released.get("deliveryId").asString();
        assertThat(api.as(client, get("/api/deliveries/" + delivery + "/asset")).andReturn().getResponse()
                .getContentAsString()).isEqualTo("My own careful edit.");
        assertThat(market.balance(creator, "EARNINGS") - earningsBefore).isEqualTo(800);

        var rejected = market.buy(client, market.readyPreview(client, slug).get("id").asString(), "b");
        api.as(creator, post("/api/sales/" + rejected.get("id").asString() + "/reject")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"\"}"))
                .andExpect(status().isBadRequest());
        var refunded = api.body(api.as(creator, post("/api/sales/" + rejected.get("id").asString() + "/reject")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Off brief, sorry.\"}"))
                .andExpect(status().isOk()));
        assertThat(refunded.get("status").asString()).isEqualTo("REJECTED");
        assertThat(market.balance(client, "WALLET")).isEqualTo(4_000);
        assertThat(ledger.balance(AccountRef.platform(AccountKind.ESCROW, USD)).minor()).isEqualTo(escrowBefore);
        api.as(creator, post("/api/sales/" + rejected.get("id").asString() + "/approve"))
                .andExpect(status().isConflict());
    }

    @Test
    void a_price_change_applies_to_new_purchases_only() throws Exception {
        var creator = creator();
        var offering = market.publish(creator, Map.of("price", "4.00"));
        var slug = offering.get("slug").asString();
        var client = market.client(5_000);
        var first = market.buy(client, market.readyPreview(client, slug).get("id").asString(), "first");
        var waiting = market.readyPreview(client, slug).get("id").asString();

        api.as(creator, put("/api/offerings/mine/" + offering.get("id").asString())
                        .contentType(MediaType.APPLICATION_JSON).content(api.write(Market.draft(Map.of("price", "6.00")))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.price.minor").value(600));
        api.as(client, post("/api/previews/" + waiting + "/purchase").header("Idempotency-Key", "agreed-old")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"expectedPriceMinor\":400}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.title").value("Price changed"));
        var second = market.buy(client, waiting, "second");

        assertThat(second.get("price").get("minor").asLong()).isEqualTo(600);
        assertThat(api.body(api.as(client, get("/api/purchases"))).findValuesAsString("id"))
                .contains(first.get("id").asString());
        var firstNow = jdbc.sql("select price_minor from purchase where id = :id")
                .param("id", UUID.fromString(first.get("id").asString())).query(Long.class).single();
        assertThat(firstNow).isEqualTo(400);
        assertThat(market.balance(client, "WALLET")).isEqualTo(5_000 - 400 - 600);
    }

    @Test
    void only_entitled_creators_with_a_ready_model_publish_and_unpublished_offerings_are_not_sold() throws Exception {
        var unsubscribed = api.approvedCreator(0);
        api.as(unsubscribed, post("/api/offerings").contentType(MediaType.APPLICATION_JSON)
                        .content(api.write(Market.draft(Map.of()))))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.title").value("AI features are off"));
        var untrained = api.approvedCreator(10_000);
        api.as(untrained, post("/api/subscription").header("Idempotency-Key", "s")).andExpect(status().isCreated());
        api.as(untrained, post("/api/offerings").contentType(MediaType.APPLICATION_JSON)
                        .content(api.write(Market.draft(Map.of()))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.title").value("No ready model version"));
        api.as(untrained, post("/api/offerings").contentType(MediaType.APPLICATION_JSON)
                        .content(api.write(Market.draft(Map.of("price", "-1", "title", "")))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'price')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'title')]").exists());
        api.as(market.client(0), post("/api/offerings").contentType(MediaType.APPLICATION_JSON)
                        .content(api.write(Market.draft(Map.of()))))
                .andExpect(status().isForbidden());

        var creator = creator();
        var offering = market.publish(creator, Map.of("title", "Unusual zebra copy"));
        var slug = offering.get("slug").asString();
        var client = market.client(0);
        assertThat(api.body(api.as(client, get("/api/offerings?q=zebra"))).findValuesAsString("slug")).contains(slug);
        api.as(creator, post("/api/offerings/mine/" + offering.get("id").asString() + "/unpublish"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UNPUBLISHED"));
        assertThat(api.body(api.as(client, get("/api/offerings?q=zebra"))).findValuesAsString("slug"))
                .doesNotContain(slug);
        api.as(client, post("/api/offerings/" + slug + "/previews").contentType(MediaType.APPLICATION_JSON)
                .content("{\"brief\":\"Anything at all, please.\"}")).andExpect(status().isNotFound());
    }

    @Test
    void withdrawing_a_work_moves_offerings_to_the_version_trained_without_it() throws Exception {
        var creator = market.trainedCreator(Fixtures.formalEssay(8, 31), Fixtures.formalEssay(8, 32),
                Fixtures.formalEssay(8, 33));
        var offering = market.publish(creator, Map.of());
        var first = offering.get("modelVersion").asString();
        var withdrawn = api.body(api.as(creator, get("/api/portfolio/works"))).get(0).get("id").asString();

        api.as(creator, patch("/api/portfolio/works/" + withdrawn).contentType(MediaType.APPLICATION_JSON)
                .content("{\"trainConsent\":false}")).andExpect(status().isOk());

        await().atMost(Market.WAIT).pollInterval(java.time.Duration.ofMillis(200)).until(() -> !api.body(api.as(
                creator, get("/api/offerings/" + offering.get("slug").asString()))).get("modelVersion").asString()
                .equals(first));
        var now = api.body(api.as(creator, get("/api/offerings/" + offering.get("slug").asString())));
        var version = api.body(api.as(creator, get("/api/model/versions/" + now.get("modelVersion").asString())));
        assertThat(version.get("status").asString()).isEqualTo("READY");
        assertThat(version.get("lineage").findValuesAsString("workId")).doesNotContain(withdrawn);
        market.readyPreview(market.client(0), offering.get("slug").asString());
    }

    @Test
    void a_creator_cannot_preview_or_buy_their_own_offering() throws Exception {
        var creator = creator();
        var slug = market.publish(creator, Map.of()).get("slug").asString();
        api.as(creator, post("/api/offerings/" + slug + "/previews").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"brief\":\"My own brief for my own model.\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.title").value("Your own offering"));
        assertThat(jdbc.sql("select count(*) from preview where client_id = :id")
                .param("id", UUID.fromString(creator.id())).query(Integer.class).single()).isZero();
    }

    @Test
    void a_preview_for_one_creator_never_retrieves_a_chunk_of_another() throws Exception {
        var marker = "ZEBRAQUOTA";
        var a = market.trainedCreator(Fixtures.formalEssay(8, 21), Fixtures.formalEssay(8, 22));
        var b = market.trainedCreator(Fixtures.formalEssay(8, 21) + "\n\n" + marker + " brands should write plainly.",
                Fixtures.formalEssay(8, 23));
        var slug = market.publish(a, Map.of()).get("slug").asString();
        var client = market.client(0);

        var preview = market.readyPreview(client, slug);
        var logged = jdbc.sql("select creator_id, work_id from retrieval_log where source_id = :id")
                .param("id", UUID.fromString(preview.get("id").asString()))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
        assertThat(logged).isNotEmpty();
        var worksOfA = new HashSet<String>(api.body(api.as(a, get("/api/portfolio/works"))).findValuesAsString("id"));
        var worksOfB = new HashSet<String>(api.body(api.as(b, get("/api/portfolio/works"))).findValuesAsString("id"));
        assertThat(logged).allSatisfy(entry -> {
            assertThat(entry.getKey()).isEqualTo(UUID.fromString(a.id()));
            assertThat(worksOfA).contains(entry.getValue().toString());
            assertThat(worksOfB).doesNotContain(entry.getValue().toString());
        });
    }

    @Test
    void a_client_cannot_read_another_clients_previews_or_deliveries() throws Exception {
        var creator = creator();
        var slug = market.publish(creator, Map.of()).get("slug").asString();
        var x = market.client(1_000);
        var y = market.client(1_000);
        var preview = market.readyPreview(x, slug).get("id").asString();
        var delivery = market.buy(x, preview, "x").get("deliveryId").asString();

        for (var path : new String[] {"/api/deliveries/" + delivery, "/api/deliveries/" + delivery + "/asset",
                "/api/deliveries/" + delivery + "/licence", "/api/deliveries/" + delivery + "/manifest",
                "/api/previews/" + preview}) {
            api.as(y, get(path)).andExpect(status().isNotFound());
            api.as(x, get(path)).andExpect(status().isOk());
        }
        assertThat(api.body(api.as(y, get("/api/deliveries"))).size()).isZero();
        api.as(y, post("/api/previews/" + preview + "/purchase").header("Idempotency-Key", "y"))
                .andExpect(status().isNotFound());
        api.as(y, post("/api/deliveries/" + delivery + "/requests").contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"EDIT\",\"message\":\"Please shorten it.\"}")).andExpect(status().isNotFound());
    }

    @Test
    void from_a_delivered_asset_the_client_asks_the_human_creator_for_an_edit() throws Exception {
        var creator = creator();
        var slug = market.publish(creator, Map.of()).get("slug").asString();
        var client = market.client(1_000);
        var delivery = market.buy(client, market.readyPreview(client, slug).get("id").asString(), "r")
                .get("deliveryId").asString();

        var thread = api.body(api.as(client, post("/api/deliveries/" + delivery + "/requests")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"EDIT\",\"message\":\"Could you make the second paragraph warmer?\"}"))
                .andExpect(status().isCreated()));
        var id = thread.get("id").asString();
        assertThat(thread.get("deliveryId").asString()).isEqualTo(delivery);
        api.as(creator, post("/api/requests/" + id + "/messages").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"message\":\"Yes, by Friday.\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.messages.length()").value(2));
        api.as(market.client(0), get("/api/requests/" + id)).andExpect(status().isNotFound());
    }

    @Test
    void a_brief_that_is_too_short_is_refused_and_takes_no_free_preview() throws Exception {
        var creator = creator();
        var slug = market.publish(creator, Map.of("freePreviewsPerDay", 1)).get("slug").asString();
        var client = market.client(0);
        api.as(client, post("/api/offerings/" + slug + "/previews").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"brief\":\"short\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.title").value("Invalid brief"));
        market.readyPreview(client, slug);
    }

    private org.springframework.test.web.servlet.ResultActions verify(byte[] asset, byte[] manifest) throws Exception {
        return api.mvc().perform(multipart("/api/verify")
                        .file(new MockMultipartFile("asset", "asset.txt", "text/plain", asset))
                        .file(new MockMultipartFile("manifest", "asset.manifest.json", "application/json", manifest)))
                .andExpect(status().isOk());
    }
}
