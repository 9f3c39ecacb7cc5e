package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.atelier.Api;
import dev.atelier.AtelierTest;
import dev.atelier.identity.AccountId;
import dev.atelier.identity.CreatorId;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The marketplace's pages through MockMvc with real sessions: who may open which page, the offering editor, the
 * catalogue's filters, the offering page's brief form and the refusals it explains. One creator with a trained
 * model serves the whole class, since training is the slow part.
 */
@AtelierTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenerationPagesTests {

    @Autowired
    Api api;

    @Autowired
    Offerings offerings;

    @Autowired
    Previews previews;

    @Autowired
    Purchases purchases;

    private Market market;
    private Api.Actor creator;
    private Api.Actor client;
    private String slug;
    private String word;

    @BeforeAll
    void trainedCreatorWithAnOffering() throws Exception {
        market = new Market(api);
        creator = market.trainedCreator();
        client = api.signUp("CLIENT");
        word = "zephyr" + UUID.randomUUID().toString().substring(0, 8);
        slug = publish(creator, Map.of("title", "Brand essays " + word, "price", "5.00")).get("slug");
    }

    @Test
    void creator_pages_open_for_creators_only() throws Exception {
        var creatorSession = session(creator);
        var clientSession = session(client);
        for (var page : new String[] {"/offerings", "/offerings/new", "/sales", "/sales/review"}) {
            api.mvc().perform(get(page).session(creatorSession)).andExpect(status().isOk());
            api.mvc().perform(get(page).session(clientSession)).andExpect(status().isForbidden());
            api.mvc().perform(get(page)).andExpect(status().is3xxRedirection())
                    .andExpect(header().string("Location", endsWith("/login")));
        }
    }

    @Test
    void buying_pages_open_for_clients_and_creators_but_not_for_reviewers() throws Exception {
        var reviewer = session(api.reviewer());
        for (var page : new String[] {"/catalogue", "/o/" + slug, "/deliveries", "/requests"}) {
            api.mvc().perform(get(page).session(session(client))).andExpect(status().isOk());
            api.mvc().perform(get(page).session(session(creator))).andExpect(status().isOk());
            api.mvc().perform(get(page).session(reviewer)).andExpect(status().isForbidden());
            api.mvc().perform(get(page)).andExpect(status().is3xxRedirection())
                    .andExpect(header().string("Location", endsWith("/login")));
        }
    }

    @Test
    void the_list_shows_each_offering_with_its_price_previews_and_review_switch() throws Exception {
        api.mvc().perform(get("/offerings").session(session(creator)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Brand essays " + word),
                        containsString("5.00 USD per generation"), containsString("/o/" + slug),
                        containsString("review before release for Brand essays " + word),
                        containsString("Unpublish"))));
    }

    @Test
    void the_editor_publishes_from_a_ready_version_and_saves_changes() throws Exception {
        var me = session(creator);
        var title = "Taglines " + UUID.randomUUID().toString().substring(0, 6);
        api.mvc().perform(get("/offerings/new").session(me))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("name=\"modelVersion\""),
                        containsString("(active)"), containsString("Images and voice come later"),
                        containsString("perpetual, worldwide, non-exclusive licence"))));

        api.mvc().perform(editor(post("/offerings").session(me), title, "2.50", "PER_100_WORDS", "4"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/offerings"));
        var published = offerings.of(creatorId()).stream().filter(o -> o.title().equals(title)).findFirst()
                .orElseThrow();
        assertThat(published.priceLabel()).isEqualTo("2.50 USD per 100 words");
        assertThat(published.freePreviewsPerDay()).isEqualTo(4);
        assertThat(published.licenceTerms()).isEqualTo(GenerationSettings.DEFAULT_LICENCE);

        api.mvc().perform(get("/offerings/" + published.id() + "/edit").session(me))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"2.50\"")));
        api.mvc().perform(editor(post("/offerings/" + published.id()).session(me), title, "3.00", "PER_100_WORDS",
                        "4").param("reviewBeforeRelease", "true"))
                .andExpect(status().is3xxRedirection());
        var changed = offerings.find(published.id()).orElseThrow();
        assertThat(changed.priceLabel()).isEqualTo("3.00 USD per 100 words");
        assertThat(changed.reviewBeforeRelease()).isTrue();

        api.mvc().perform(post("/offerings/" + published.id() + "/unpublish").session(me).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(offerings.find(published.id()).orElseThrow().isPublished()).isFalse();
        api.mvc().perform(post("/offerings/" + published.id() + "/publish").session(me).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(offerings.find(published.id()).orElseThrow().isPublished()).isTrue();
    }

    @Test
    void the_review_switch_swaps_its_row_for_htmx() throws Exception {
        var id = offerings.findBySlug(slug).orElseThrow().id();
        api.mvc().perform(post("/offerings/" + id + "/review").param("review", "true").header("HX-Request", "true")
                        .session(session(creator)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"offering-" + id + "\""),
                        containsString("aria-checked=\"true\""), not(containsString("<html")))));
        assertThat(offerings.find(id).orElseThrow().reviewBeforeRelease()).isTrue();
        api.mvc().perform(post("/offerings/" + id + "/review").param("review", "false").session(session(creator))
                        .with(csrf()))
                .andExpect(redirectedUrl("/offerings"));
        assertThat(offerings.find(id).orElseThrow().reviewBeforeRelease()).isFalse();
    }

    @Test
    void the_editor_explains_each_invalid_field_and_publishes_nothing() throws Exception {
        var before = offerings.of(creatorId()).size();
        api.mvc().perform(editor(post("/offerings").session(session(creator)), " ", "0.00", "PER_GENERATION", "500"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Give the offering a title."),
                        containsString("Write a price of at least 0.01"),
                        containsString("Allow a whole number from 0 to 100 free previews a day."),
                        containsString("aria-invalid=\"true\""))));
        api.mvc().perform(editor(post("/offerings").session(session(creator)), "Fine title", "twelve",
                        "PER_GENERATION", "many"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("value=\"twelve\""), containsString("value=\"many\""),
                        containsString("Write a price of at least 0.01"),
                        containsString("Allow a whole number from 0 to 100 free previews a day."))));
        assertThat(offerings.of(creatorId())).hasSize(before);
    }

    @Test
    void a_creator_without_ai_features_or_a_ready_model_is_told_why_and_where_to_fix_it() throws Exception {
        var applicant = api.applicant();
        api.mvc().perform(get("/offerings/new").session(session(applicant)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("AI features are off"),
                        containsString("Your application is waiting for review."),
                        containsString("href=\"/dashboard\""),
                        not(containsString("name=\"title\"")))));
        api.mvc().perform(editor(post("/offerings").session(session(applicant)), "Anything", "5.00",
                        "PER_GENERATION", "3"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Your application is waiting for review.")));

        var untrained = api.approvedCreator(10_000);
        api.as(untrained, post("/api/subscription").header("Idempotency-Key", "pages")).andExpect(status().isCreated());
        api.mvc().perform(get("/offerings").session(session(untrained)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("You have no ready model version."),
                        containsString("href=\"/model\""), not(containsString("id=\"new-offering\"")))));
    }

    @Test
    void the_catalogue_filters_by_words_pricing_and_maximum_price() throws Exception {
        var me = session(client);
        var words = "quill" + UUID.randomUUID().toString().substring(0, 8);
        var essays = publish(creator, Map.of("title", "Essays " + words, "price", "5.00")).get("slug");
        publish(creator, Map.of("title", "Long reads " + words, "pricing", "PER_100_WORDS", "price", "40.00"));
        api.mvc().perform(get("/catalogue").param("q", words).session(me))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Essays " + words),
                        containsString("Long reads " + words), containsString("2 offerings"),
                        containsString("href=\"/o/" + essays + "\""))));
        api.mvc().perform(get("/catalogue").param("q", words).param("pricing", "PER_100_WORDS").session(me))
                .andExpect(content().string(allOf(containsString("Long reads " + words), containsString("1 offering"),
                        not(containsString("Essays " + words)))));
        api.mvc().perform(get("/catalogue").param("q", words).param("maxPrice", "10").session(me))
                .andExpect(content().string(allOf(containsString("Essays " + words),
                        not(containsString("Long reads " + words)))));
        api.mvc().perform(get("/catalogue").param("q", words).param("maxPrice", "ten").session(me))
                .andExpect(content().string(allOf(containsString("Write a price like 20.00"),
                        containsString("2 offerings"))));
        api.mvc().perform(get("/catalogue").param("q", words + "-nothing").session(me))
                .andExpect(content().string(allOf(containsString("0 offerings"),
                        containsString("No offering matches."))));
    }

    @Test
    void the_catalogue_answers_htmx_with_its_results_only() throws Exception {
        api.mvc().perform(get("/catalogue").param("q", word).header("HX-Request", "true").session(session(client)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"results\""),
                        containsString("Brand essays " + word), not(containsString("<html")),
                        not(containsString("catalogue-filters")))));
        api.mvc().perform(get("/catalogue").param("q", word).header("HX-Request", "true")
                        .header("HX-Boosted", "true").session(session(client)))
                .andExpect(content().string(allOf(containsString("<html"), containsString("catalogue-filters"))));
    }

    @Test
    void the_offering_page_shows_price_licence_free_previews_and_the_brief_form() throws Exception {
        api.mvc().perform(get("/o/" + slug).session(session(client)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("5.00 USD per generation"),
                        containsString("Licence terms"), containsString("3 free previews left today."),
                        containsString("name=\"brief\""), containsString("minlength=\"10\""),
                        containsString("maxlength=\"4000\""), containsString("data-count=\"brief-count\""),
                        not(containsString("id=\"engine-unavailable\"")), not(containsString("<fieldset disabled")))));
    }

    @Test
    void the_creator_sees_that_they_cannot_preview_their_own_offering() throws Exception {
        var id = offerings.findBySlug(slug).orElseThrow().id();
        api.mvc().perform(get("/o/" + slug).session(session(creator)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("This is your own offering"),
                        containsString("href=\"/offerings/" + id + "/edit\""), not(containsString("name=\"brief\"")))));
    }

    @Test
    void a_refused_preview_is_explained_on_the_offering_page_and_keeps_the_brief() throws Exception {
        var me = session(client);
        api.mvc().perform(post("/o/" + slug + "/previews").param("brief", "too short").session(me).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Describe what you need in 10 to 4000 characters"),
                        containsString("too short</textarea>"), containsString("aria-invalid=\"true\""))));
        api.mvc().perform(get("/o/" + slug).session(me))
                .andExpect(content().string(containsString("3 free previews left today.")));
    }

    @Test
    void an_unpublished_or_unknown_offering_is_not_found_for_clients() throws Exception {
        api.mvc().perform(get("/o/no-such-offering").session(session(client))).andExpect(status().isNotFound());
        api.mvc().perform(get("/previews/" + UUID.randomUUID()).session(session(client)))
                .andExpect(status().isNotFound());
        api.mvc().perform(get("/deliveries/" + UUID.randomUUID()).session(session(client)))
                .andExpect(status().isNotFound());
        api.mvc().perform(get("/requests/" + UUID.randomUUID()).session(session(client)))
                .andExpect(status().isNotFound());
    }

    @Test
    void empty_library_sales_and_review_queue_say_so() throws Exception {
        var newcomer = api.signUp("CLIENT");
        api.mvc().perform(get("/deliveries").session(session(newcomer)))
                .andExpect(content().string(containsString("Nothing delivered yet.")));
        api.mvc().perform(get("/requests").session(session(newcomer)))
                .andExpect(content().string(containsString("No requests yet.")));
        var seller = session(api.approvedCreator(0));
        api.mvc().perform(get("/sales").session(seller))
                .andExpect(content().string(allOf(containsString("id=\"total-count\">0<"),
                        containsString("id=\"total-earnings\">0.00 USD<"), containsString("No sales yet."))));
        api.mvc().perform(get("/sales/review").session(seller))
                .andExpect(content().string(containsString("Nothing waits for your review.")));
        api.mvc().perform(get("/sales/review/count").session(seller))
                .andExpect(status().isOk()).andExpect(content().string(""));
    }

    @Test
    void dashboards_and_navigation_link_to_the_marketplace() throws Exception {
        api.mvc().perform(get("/dashboard").session(session(client)))
                .andExpect(content().string(allOf(containsString("href=\"/catalogue\""),
                        containsString("href=\"/deliveries\""), containsString("href=\"/requests\""))));
        api.mvc().perform(get("/dashboard").session(session(creator)))
                .andExpect(content().string(allOf(containsString("href=\"/offerings\""),
                        containsString("href=\"/sales\""), containsString("href=\"/sales/review\""),
                        containsString("hx-get=\"/sales/review/count\""))));
    }

    /** The one test here that generates text: the real llama.cpp engine on the tiny test model. */
    @Test
    void a_client_previews_pays_once_and_asks_for_an_edit_while_the_creator_reviews_the_sale() throws Exception {
        var reviewed = publish(creator, Map.of("title", "Reviewed essays " + word, "reviewBeforeRelease", true,
                "price", "4.00"));
        var buyer = api.signUp("CLIENT");
        var me = session(buyer);

        var started = api.mvc().perform(post("/o/" + reviewed.get("slug") + "/previews").session(me).with(csrf())
                        .param("brief", "A short essay on why small brands should write plainly."))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(started).startsWith("/previews/");
        var previewId = UUID.fromString(started.substring("/previews/".length()));
        api.mvc().perform(get(started).session(me)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Your brief")));
        await().atMost(Market.WAIT).pollInterval(Duration.ofMillis(200)).until(() -> previews
                .find(new AccountId(UUID.fromString(buyer.id())), previewId).orElseThrow().status()
                != Preview.Status.GENERATING);
        var preview = previews.find(new AccountId(UUID.fromString(buyer.id())), previewId).orElseThrow();
        assertThat(preview.status()).as(String.valueOf(preview.failure())).isEqualTo(Preview.Status.READY);
        var events = api.mvc().perform(get(started + "/events").session(me))
                .andExpect(request().asyncStarted()).andReturn();
        api.mvc().perform(asyncDispatch(events))
                .andExpect(content().string(allOf(containsString("event:ready"), containsString("\"status\":\"READY\""),
                        not(containsString("fullText")))));
        api.mvc().perform(get(started).session(me))
                .andExpect(content().string(allOf(containsString("Preview · Atelier · Test creator"),
                        containsString("class=\"preview\""), containsString("Free previews left today"),
                        containsString("href=\"" + started + "/buy\""))));

        var confirmation = api.mvc().perform(get(started + "/buy").session(me)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("4.00 USD"), containsString("do-not-train"),
                        containsString("not enough funds"), not(containsString("fee")))))
                .andReturn().getResponse().getContentAsString();
        var key = hidden(confirmation, "key");
        var expected = hidden(confirmation, "expectedPriceMinor");
        api.mvc().perform(post(started + "/buy").session(me).with(csrf()).param("key", key)
                        .param("expectedPriceMinor", expected))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("holds less than the 4.00 USD"),
                        containsString("href=\"/dashboard\""))));

        api.topUp(buyer, 1_000, UUID.randomUUID().toString()).andExpect(status().isCreated());
        for (var attempt = 0; attempt < 2; attempt++) {
            api.mvc().perform(post(started + "/buy").session(me).with(csrf()).param("key", key)
                            .param("expectedPriceMinor", expected))
                    .andExpect(redirectedUrl("/deliveries"));
        }
        assertThat(purchases.ofClient(new AccountId(UUID.fromString(buyer.id())), 10)).as("one purchase, paid once")
                .singleElement().satisfies(purchase -> assertThat(purchase.awaitsReview()).isTrue());
        api.mvc().perform(get("/deliveries").session(me))
                .andExpect(content().string(containsString("Awaiting the creator&#39;s review")));

        var creatorSession = session(creator);
        var sale = purchases.ofClient(new AccountId(UUID.fromString(buyer.id())), 10).getFirst();
        api.mvc().perform(get("/sales/review").session(creatorSession))
                .andExpect(content().string(allOf(containsString("id=\"review-" + sale.id() + "\""),
                        containsString("Approve with edits"))));
        api.mvc().perform(post("/sales/" + sale.id() + "/approve").session(creatorSession).with(csrf())
                        .param("edited", "true").param("editedText", "An essay on plain words, edited by hand."))
                .andExpect(redirectedUrl("/sales/review"))
                .andExpect(flash().attribute("notice", containsString("with your edits")));
        var deliveryId = purchases.find(sale.id()).orElseThrow().deliveryId();
        assertThat(deliveryId).isNotNull();

        api.mvc().perform(get("/deliveries/" + deliveryId).session(me))
                .andExpect(content().string(allOf(containsString("An essay on plain words, edited by hand."),
                        containsString("Licence certificate"), containsString("POST /api/verify"),
                        containsString("Verified just now"), containsString("Reviewed essays " + word),
                        containsString("edited by the creator"))));
        api.mvc().perform(get("/deliveries/" + deliveryId + "/asset").session(me))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(content().string("An essay on plain words, edited by hand."));
        api.mvc().perform(get("/deliveries/" + deliveryId + "/licence").session(session(client)))
                .andExpect(status().isNotFound());

        var thread = api.mvc().perform(post("/deliveries/" + deliveryId + "/requests").session(me).with(csrf())
                        .param("kind", "EDIT").param("message", "Could the second line be shorter?"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(thread).startsWith("/requests/");
        api.mvc().perform(post(thread + "/messages").session(creatorSession).with(csrf())
                        .param("message", "Yes, here it is."))
                .andExpect(redirectedUrl(thread));
        api.mvc().perform(get(thread).session(me))
                .andExpect(content().string(allOf(containsString("Could the second line be shorter?"),
                        containsString("Yes, here it is."))));
        api.mvc().perform(post(thread + "/close").session(me).with(csrf())).andExpect(redirectedUrl(thread));
        api.mvc().perform(get(thread).session(creatorSession))
                .andExpect(content().string(containsString("This request is closed.")));
        api.mvc().perform(get("/sales").session(creatorSession))
                .andExpect(content().string(allOf(containsString("Reviewed essays " + word),
                        containsString("id=\"total-count\">1<"), containsString("id=\"total-gross\">4.00 USD<"),
                        containsString("id=\"total-fees\">0.80 USD<"),
                        containsString("id=\"total-earnings\">3.20 USD<"))));
    }

    private static String hidden(String html, String name) {
        var matcher = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("hidden field " + name).isTrue();
        return matcher.group(1);
    }

    private MockHttpServletRequestBuilder editor(MockHttpServletRequestBuilder request, String title, String price,
                                                 String pricing, String previews) {
        return request.with(csrf()).param("title", title).param("outputKind", "TEXT")
                .param("description", "Three taglines for a product, in my voice.").param("guidance", "")
                .param("pricing", pricing).param("price", price).param("freePreviewsPerDay", previews)
                .param("licenceTerms", "");
    }

    private CreatorId creatorId() {
        return CreatorId.of(new AccountId(UUID.fromString(creator.id())));
    }

    private Map<String, String> publish(Api.Actor who, Map<String, Object> changes) throws Exception {
        var published = market.publish(who, changes);
        return Map.of("id", published.get("id").asString(), "slug", published.get("slug").asString());
    }

    private MockHttpSession session(Api.Actor actor) throws Exception {
        return session(api, actor);
    }

    /** Signs in with the form, as a browser does, and returns the session. */
    static MockHttpSession session(Api api, Api.Actor actor) throws Exception {
        var result = api.mvc().perform(formLogin("/login").user(actor.email()).password(actor.password())).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).as("signed in").endsWith("/dashboard");
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
