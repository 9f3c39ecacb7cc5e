package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.atelier.Api;
import dev.atelier.AtelierTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** A new installation with no text model: generation says exactly how to fix it, and everything else works. */
@AtelierTest
@TestPropertySource(properties = {"atelier.engine.text.model=", "atelier.data-dir=target/test-data-no-model"})
class NoModelTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void without_a_model_generation_answers_503_with_the_fix_and_the_rest_of_the_product_works() throws Exception {
        var market = new Market(api);
        api.as(api.signUp("CLIENT"), get("/api/generation/status"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.available").value(false))
                .andExpect(jsonPath("$.message").value(containsString("models pull")));

        var creator = market.trainedCreator();
        var slug = market.publish(creator, Map.of()).get("slug").asString();
        var client = market.client(1_000);
        api.as(client, get("/api/offerings/" + slug)).andExpect(status().isOk());

        api.as(client, post("/api/offerings/" + slug + "/previews").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"brief\":\"An essay on plain writing for small brands.\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.title").value("Generation unavailable"))
                .andExpect(jsonPath("$.detail").value(containsString("models pull qwen2.5-0.5b-instruct")))
                .andExpect(jsonPath("$.detail").value(containsString("atelier.engine.text.model")));
        api.as(client, post("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"model\":\"" + slug + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error.message").value(containsString("models pull")));

        assertThat(jdbc.sql("select count(*) from preview_quota where client_id = :c")
                .param("c", UUID.fromString(client.id())).query(Integer.class).single()).isZero();
        assertThat(market.balance(client, "WALLET")).isEqualTo(1_000);
    }
}
