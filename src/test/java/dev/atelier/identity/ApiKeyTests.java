package dev.atelier.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.atelier.Api;
import dev.atelier.AtelierTest;

@AtelierTest
class ApiKeyTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_key_is_shown_once_stored_hashed_and_acts_as_its_owner_until_revoked() throws Exception {
        var client = api.signUp("CLIENT");
        var created = api.body(api.as(client, post("/api/api-keys").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"laptop\"}")).andExpect(status().isCreated()));
        var secret = created.get("secret").asString();
        assertThat(secret).startsWith("atl_").hasSizeGreaterThan(30);

        var listed = api.as(client, get("/api/api-keys")).andReturn().getResponse().getContentAsString();
        assertThat(listed).contains("laptop").doesNotContain(secret);
        var stored = jdbc.sql("select secret_hash from api_key where id = :id")
                .param("id", java.util.UUID.fromString(created.get("id").asString())).query(String.class).single();
        assertThat(stored).isEqualTo(ApiKeys.sha256(secret)).doesNotContain(secret);

        api.mvc().perform(get("/api/accounts/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(client.email()));
        api.as(client, delete("/api/api-keys/" + created.get("id").asString())).andExpect(status().isNoContent());
        api.mvc().perform(get("/api/accounts/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("Invalid API key"));
        api.as(client, get("/api/api-keys")).andExpect(jsonPath("$[?(@.name == 'laptop')].revokedAt").isNotEmpty());
    }

    @Test
    void an_unknown_key_is_refused_and_audited() throws Exception {
        api.mvc().perform(get("/api/accounts/me").header("Authorization", "Bearer atl_not-a-real-key")
                        .with(request -> {
                            request.setRemoteAddr("10.77.0.1");
                            return request;
                        }))
                .andExpect(status().isUnauthorized());
        var entries = jdbc.sql("select count(*) from audit_event where action = 'API_KEY_REJECTED' and ip = '10.77.0.1'")
                .query(Long.class).single();
        assertThat(entries).isPositive();
    }

    @Test
    void the_api_never_reads_a_browser_session() throws Exception {
        var creator = api.signUp("CREATOR");
        var login = api.mvc().perform(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestBuilders.formLogin("/login").user(creator.email()).password(creator.password()))
                .andReturn();
        var session = (org.springframework.mock.web.MockHttpSession) login.getRequest().getSession(false);
        api.mvc().perform(get("/api/accounts/me").session(session)).andExpect(status().isUnauthorized());
    }
}
