package dev.atelier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every endpoint, called by each kind of actor. The "owner" is an approved, subscribed creator with money; "other"
 * is another creator. Each cell gets fresh actors, so a write allowed in one cell cannot hide a denial in another.
 * Where a write is refused, the owner's state is checked to be unchanged.
 */
@AtelierTest
class AuthorizationMatrixTests {

    enum Actor { ANONYMOUS, CLIENT, OWNER, OTHER_CREATOR, REVIEWER, ADMIN }

    /** What one cell needs to know about the world it runs in. */
    record World(Api.Actor owner, Api.Actor other, Api.Actor client, Api.Actor reviewer, Api.Actor admin,
                 Api.Actor applicant, String ownerWallet, String ownerKey, String ownerWork) {
        Api.Actor as(Actor actor) {
            return switch (actor) {
                case CLIENT -> client;
                case OWNER -> owner;
                case OTHER_CREATOR -> other;
                case REVIEWER -> reviewer;
                case ADMIN -> admin;
                case ANONYMOUS -> throw new IllegalArgumentException("anonymous has no credentials");
            };
        }
    }

    interface Check {
        void verify(World world) throws Exception;
    }

    record Row(String name, boolean page, Function<World, AbstractMockHttpServletRequestBuilder<?>> request,
               Map<Actor, Integer> expected, Check unchangedWhenRefused) {
    }

    private static final String APPLICATION = """
            {"headline":"Illustrator","categories":["illustration"],"portfolioLinks":[],
             "statement":"Children's book illustration in watercolour, twenty titles published so far."}""";

    @Autowired
    Api api;

    @TestFactory
    Stream<DynamicTest> every_endpoint_for_every_actor() {
        var cells = new ArrayList<DynamicTest>();
        for (var row : rows()) {
            for (var actor : Actor.values()) {
                int expected = row.expected().get(actor);
                cells.add(DynamicTest.dynamicTest(row.name() + " as " + actor + " → " + expected,
                        () -> runCell(row, actor, expected)));
            }
        }
        return cells.stream();
    }

    private void runCell(Row row, Actor actor, int expected) throws Exception {
        var world = world();
        var request = row.request().apply(world);
        final int status;
        if (actor == Actor.ANONYMOUS) {
            status = api.mvc().perform(request.with(csrf())).andReturn().getResponse().getStatus();
        } else if (row.page()) {
            status = api.mvc().perform(request.session(session(world.as(actor))).with(csrf()))
                    .andReturn().getResponse().getStatus();
        } else {
            status = api.as(world.as(actor), request).andReturn().getResponse().getStatus();
        }
        assertThat(status).as(row.name() + " as " + actor).isEqualTo(expected);
        var refused = actor == Actor.ANONYMOUS || (expected >= 400 && expected < 500);
        if (refused && row.unchangedWhenRefused() != null) {
            row.unchangedWhenRefused().verify(world);
        }
    }

    private World world() throws Exception {
        var owner = api.approvedCreator(10_000);
        api.as(owner, post("/api/subscription").header("Idempotency-Key", "matrix")).andReturn();
        var wallet = api.body(api.as(owner, get("/api/ledger/accounts"))).get(0).get("id").asString();
        var key = api.body(api.as(owner, get("/api/api-keys"))).get(0).get("id").asString();
        var work = api.body(api.as(owner, multipart("/api/portfolio/works").file(new MockMultipartFile("files",
                        "matrix-" + UUID.randomUUID() + ".txt", "text/plain", ("Owner's own words " + UUID.randomUUID())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))).param("ownership", "true")))
                .get("accepted").get(0).get("id").asString();
        return new World(owner, api.signUp("CREATOR"), api.signUp("CLIENT"), api.reviewer(), api.admin(),
                api.applicant(), wallet, key, work);
    }

    private MockHttpSession session(Api.Actor actor) throws Exception {
        var result = api.mvc().perform(formLogin("/login").user(actor.email()).password(actor.password())).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).as("signed in").endsWith("/dashboard");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private static Map<Actor, Integer> expect(int anonymous, int client, int owner, int other, int reviewer, int admin) {
        var map = new EnumMap<Actor, Integer>(Actor.class);
        map.put(Actor.ANONYMOUS, anonymous);
        map.put(Actor.CLIENT, client);
        map.put(Actor.OWNER, owner);
        map.put(Actor.OTHER_CREATOR, other);
        map.put(Actor.REVIEWER, reviewer);
        map.put(Actor.ADMIN, admin);
        return map;
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private List<Row> rows() {
        Check ownerKeyStillWorks = world -> assertThat(api.as(world.owner(), get("/api/accounts/me"))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        Check applicationStillWaiting = world -> assertThat(api.body(api.as(world.applicant(),
                get("/api/vetting/application"))).get("status").asString()).isEqualTo("SUBMITTED");
        Check walletUnchanged = world -> assertThat(api.body(api.as(world.owner(), get("/api/ledger/accounts")))
                .get(0).get("balance").get("minor").asLong()).isEqualTo(7_500);
        Check workUntouched = world -> {
            var work = api.body(api.as(world.owner(), get("/api/portfolio/works/" + world.ownerWork())));
            assertThat(work.get("trainConsent").asBoolean()).isTrue();
        };
        Check stillRenewing = world -> assertThat(api.body(api.as(world.owner(), get("/api/subscription")))
                .get("cancelAtPeriodEnd").asBoolean()).isFalse();
        var topUp = "{\"amountMinor\":100}";
        return List.of(
                new Row("GET /api/accounts/me", false, w -> get("/api/accounts/me"),
                        expect(401, 200, 200, 200, 200, 200), null),
                new Row("GET /api/api-keys", false, w -> get("/api/api-keys"),
                        expect(401, 200, 200, 200, 200, 200), null),
                new Row("DELETE /api/api-keys/{owner's key}", false, w -> delete("/api/api-keys/" + w.ownerKey()),
                        expect(401, 404, 204, 404, 404, 404), ownerKeyStillWorks),
                new Row("GET /api/vetting/application", false, w -> get("/api/vetting/application"),
                        expect(401, 403, 200, 404, 403, 403), null),
                new Row("PUT /api/vetting/application", false, w -> json(put("/api/vetting/application"), APPLICATION),
                        expect(401, 403, 409, 200, 403, 403), null),
                new Row("GET /api/vetting/queue", false, w -> get("/api/vetting/queue"),
                        expect(401, 403, 403, 403, 200, 200), null),
                new Row("POST /api/vetting/applications/{id}/decision", false,
                        w -> json(post("/api/vetting/applications/" + w.applicant().id() + "/decision"),
                                "{\"decision\":\"APPROVE\"}"),
                        expect(401, 403, 403, 403, 200, 200), applicationStillWaiting),
                new Row("GET /api/ledger/accounts", false, w -> get("/api/ledger/accounts"),
                        expect(401, 200, 200, 200, 200, 200), null),
                new Row("GET /api/ledger/accounts?owner={owner}", false,
                        w -> get("/api/ledger/accounts").param("owner", w.owner().id()),
                        expect(401, 403, 200, 403, 403, 200), null),
                new Row("GET /api/ledger/accounts/{owner's wallet}", false,
                        w -> get("/api/ledger/accounts/" + w.ownerWallet()),
                        expect(401, 404, 200, 404, 404, 200), null),
                new Row("GET /api/ledger/accounts/{owner's wallet}/postings", false,
                        w -> get("/api/ledger/accounts/" + w.ownerWallet() + "/postings"),
                        expect(401, 404, 200, 404, 404, 200), null),
                new Row("POST /api/ledger/top-ups", false,
                        w -> json(post("/api/ledger/top-ups").header("Idempotency-Key", UUID.randomUUID().toString()),
                                "{\"email\":\"" + w.owner().email() + "\",\"amountMinor\":100}"),
                        expect(401, 403, 403, 403, 403, 201), walletUnchanged),
                new Row("POST /api/ledger/dev/top-ups (own wallet)", false,
                        w -> json(post("/api/ledger/dev/top-ups").header("Idempotency-Key", "dev"), topUp),
                        expect(401, 201, 201, 201, 201, 201), null),
                new Row("GET /api/subscription", false, w -> get("/api/subscription"),
                        expect(401, 403, 200, 404, 403, 403), null),
                new Row("POST /api/subscription", false,
                        w -> post("/api/subscription").header("Idempotency-Key", UUID.randomUUID().toString()),
                        expect(401, 403, 409, 409, 403, 403), walletUnchanged),
                new Row("POST /api/subscription/cancel", false, w -> post("/api/subscription/cancel"),
                        expect(401, 403, 200, 409, 403, 403), stillRenewing),
                new Row("GET /api/subscription/entitlement", false, w -> get("/api/subscription/entitlement"),
                        expect(401, 403, 200, 200, 403, 403), null),
                new Row("GET /api/audit", false, w -> get("/api/audit"),
                        expect(401, 403, 403, 403, 403, 200), null),
                new Row("POST /api/admin/reviewers", false, w -> json(post("/api/admin/reviewers"),
                        "{\"email\":\"" + Api.uniqueEmail("rev") + "\",\"password\":\"long-password-1\","
                                + "\"displayName\":\"R\"}"),
                        expect(401, 403, 403, 403, 403, 201), null),
                new Row("GET /api/portfolio/works", false, w -> get("/api/portfolio/works"),
                        expect(401, 403, 200, 200, 403, 403), null),
                new Row("GET /api/portfolio/works/{owner's work}", false,
                        w -> get("/api/portfolio/works/" + w.ownerWork()),
                        expect(401, 403, 200, 404, 403, 403), null),
                new Row("GET /api/portfolio/works/{owner's work}/file", false,
                        w -> get("/api/portfolio/works/" + w.ownerWork() + "/file"),
                        expect(401, 403, 200, 404, 403, 403), null),
                new Row("PATCH /api/portfolio/works/{owner's work}", false,
                        w -> json(patch("/api/portfolio/works/" + w.ownerWork()), "{\"trainConsent\":false}"),
                        expect(401, 403, 200, 404, 403, 403), workUntouched),
                new Row("DELETE /api/portfolio/works/{owner's work}", false,
                        w -> delete("/api/portfolio/works/" + w.ownerWork()),
                        expect(401, 403, 204, 404, 403, 403), workUntouched),
                new Row("POST /api/portfolio/works", false, w -> multipart("/api/portfolio/works")
                                .file(new MockMultipartFile("files", "x.txt", "text/plain", "words".getBytes())),
                        expect(401, 403, 201, 201, 403, 403), null),
                new Row("GET /api/model/versions", false, w -> get("/api/model/versions"),
                        expect(401, 403, 200, 200, 403, 403), null),
                new Row("POST /api/model/trainings", false, w -> post("/api/model/trainings"),
                        expect(401, 403, 201, 403, 403, 403), null),
                new Row("GET /.well-known/atelier-signing-key", false, w -> get("/.well-known/atelier-signing-key"),
                        expect(200, 200, 200, 200, 200, 200), null),
                new Row("POST /api/verify (without a manifest)", false, w -> multipart("/api/verify")
                                .file(new MockMultipartFile("asset", "a.txt", "text/plain", "words".getBytes())),
                        expect(400, 400, 400, 400, 400, 400), null),
                new Row("page GET /portfolio", true, w -> get("/portfolio"),
                        expect(302, 403, 200, 200, 403, 403), null),
                new Row("page GET /portfolio/works/{owner's work}/file", true,
                        w -> get("/portfolio/works/" + w.ownerWork() + "/file"),
                        expect(302, 403, 200, 404, 403, 403), null),
                new Row("page POST /portfolio/works/{owner's work}/consent", true,
                        w -> post("/portfolio/works/" + w.ownerWork() + "/consent").param("consent", "false"),
                        expect(302, 403, 302, 404, 403, 403), workUntouched),
                new Row("page GET /model", true, w -> get("/model"),
                        expect(302, 403, 200, 200, 403, 403), null),
                new Row("page GET /dashboard", true, w -> get("/dashboard"),
                        expect(302, 200, 200, 200, 302, 302), null),
                new Row("page GET /creator/application", true, w -> get("/creator/application"),
                        expect(302, 403, 200, 200, 403, 403), null),
                new Row("page GET /review", true, w -> get("/review"),
                        expect(302, 403, 403, 403, 200, 200), null),
                new Row("page POST /review/{id}", true, w -> post("/review/" + w.applicant().id())
                                .param("decision", "APPROVE"),
                        expect(302, 403, 403, 403, 302, 302), applicationStillWaiting),
                new Row("page GET /admin", true, w -> get("/admin"),
                        expect(302, 403, 403, 403, 403, 200), null),
                new Row("page POST /admin/top-up", true, w -> post("/admin/top-up")
                                .param("key", UUID.randomUUID().toString()).param("email", w.owner().email())
                                .param("amount", "1.00"),
                        expect(302, 403, 403, 403, 403, 302), walletUnchanged),
                new Row("page GET /ledger/accounts/{owner's wallet}", true,
                        w -> get("/ledger/accounts/" + w.ownerWallet()),
                        expect(302, 404, 200, 404, 404, 200), null),
                new Row("page GET /account/api-keys", true, w -> get("/account/api-keys"),
                        expect(302, 200, 200, 200, 200, 200), null),
                new Row("page POST /account/api-keys/{owner's key}/revoke", true,
                        w -> post("/account/api-keys/" + w.ownerKey() + "/revoke"),
                        expect(302, 404, 302, 404, 404, 404), ownerKeyStillWorks),
                new Row("page POST /subscription/cancel", true, w -> post("/subscription/cancel"),
                        expect(302, 403, 302, 302, 403, 403), null),
                new Row("page GET /offerings", true, w -> get("/offerings"),
                        expect(302, 403, 200, 200, 403, 403), null),
                new Row("page GET /sales/review", true, w -> get("/sales/review"),
                        expect(302, 403, 200, 200, 403, 403), null),
                new Row("page GET /catalogue", true, w -> get("/catalogue"),
                        expect(302, 200, 200, 200, 403, 403), null),
                new Row("page GET /deliveries", true, w -> get("/deliveries"),
                        expect(302, 200, 200, 200, 403, 403), null),
                new Row("page GET /requests", true, w -> get("/requests"),
                        expect(302, 200, 200, 200, 403, 403), null));
    }
}
