package dev.atelier.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.atelier.Api;
import dev.atelier.AtelierTest;

@AtelierTest
class OperationsTests {

    @Autowired
    Api api;

    @Test
    void the_api_is_described_in_openapi() throws Exception {
        api.mvc().perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/accounts'].post").exists())
                .andExpect(jsonPath("$.paths['/api/ledger/top-ups'].post").exists())
                .andExpect(jsonPath("$.paths['/api/subscription/entitlement'].get").exists())
                .andExpect(jsonPath("$.paths['/api/vetting/applications/{creatorId}/decision'].post").exists());
        api.mvc().perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }

    @Test
    void health_and_prometheus_metrics_are_exposed() throws Exception {
        api.mvc().perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        api.mvc().perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("jvm_memory_used_bytes")))
                .andExpect(content().string(Matchers.containsString("http_server_requests")));
    }
}
