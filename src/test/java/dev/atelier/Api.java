package dev.atelier;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Drives the REST API as real callers do: people sign up, then authenticate with an API key they created. The
 * admin is the one configured in application-test.properties.
 */
@TestComponent
public class Api {

    public record Actor(String id, String email, String password, String apiKey) {
    }

    public static final String ADMIN_EMAIL = "admin@atelier.test";
    public static final String ADMIN_PASSWORD = "admin-password-123";

    private final MockMvc mvc;
    private final ObjectMapper json;
    private Actor admin;

    Api(MockMvc mvc, ObjectMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    public MockMvc mvc() {
        return mvc;
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    public Actor signUp(String role) throws Exception {
        var email = uniqueEmail(role.toLowerCase());
        var password = "password-" + UUID.randomUUID();
        var created = body(mvc.perform(post("/api/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content(write(Map.of("email", email, "password", password, "displayName",
                                "Test " + role.toLowerCase(), "role", role))))
                .andExpect(status().isCreated()));
        return withKey(created.get("id").asString(), email, password);
    }

    public Actor admin() throws Exception {
        if (admin == null) {
            var me = body(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                            .get("/api/accounts/me").header(HttpHeaders.AUTHORIZATION, basic(ADMIN_EMAIL, ADMIN_PASSWORD)))
                    .andExpect(status().isOk()));
            admin = withKey(me.get("id").asString(), ADMIN_EMAIL, ADMIN_PASSWORD);
        }
        return admin;
    }

    public Actor reviewer() throws Exception {
        var email = uniqueEmail("reviewer");
        var password = "password-" + UUID.randomUUID();
        var created = body(as(admin(), post("/api/admin/reviewers").contentType(MediaType.APPLICATION_JSON)
                .content(write(Map.of("email", email, "password", password, "displayName", "Test reviewer"))))
                .andExpect(status().isCreated()));
        return withKey(created.get("id").asString(), email, password);
    }

    /** A creator whose application is submitted. */
    public Actor applicant() throws Exception {
        var creator = signUp("CREATOR");
        as(creator, put("/api/vetting/application").contentType(MediaType.APPLICATION_JSON).content(write(Map.of(
                "headline", "Brand copywriter",
                "categories", java.util.List.of("copywriting"),
                "portfolioLinks", java.util.List.of("https://example.test/work"),
                "statement", "I write brand copy for small climate companies and have done so for a decade."))))
                .andExpect(status().isOk());
        return creator;
    }

    /** A creator who is approved and has {@code funds} (minor units) in the wallet. */
    public Actor approvedCreator(long funds) throws Exception {
        var creator = applicant();
        as(admin(), post("/api/vetting/applications/" + creator.id() + "/decision")
                .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"APPROVE\"}"))
                .andExpect(status().isOk());
        if (funds > 0) {
            topUp(creator, funds, UUID.randomUUID().toString()).andExpect(status().isCreated());
        }
        return creator;
    }

    public ResultActions topUp(Actor who, long amountMinor, String key) throws Exception {
        return as(admin(), post("/api/ledger/top-ups").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .content(write(Map.of("email", who.email(), "amountMinor", amountMinor))));
    }

    public ResultActions as(Actor actor, AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.apiKey()));
    }

    public JsonNode body(ResultActions result) throws Exception {
        return body(result.andReturn());
    }

    public JsonNode body(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsString());
    }

    public String write(Object value) {
        return json.writeValueAsString(value);
    }

    public static String basic(String email, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((email + ":" + password).getBytes());
    }

    private Actor withKey(String id, String email, String password) throws Exception {
        var key = body(mvc.perform(post("/api/api-keys").header(HttpHeaders.AUTHORIZATION, basic(email, password))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"tests\"}"))
                .andExpect(status().isCreated()));
        return new Actor(id, email, password, key.get("secret").asString());
    }
}
