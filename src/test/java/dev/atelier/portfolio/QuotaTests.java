package dev.atelier.portfolio;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;

import dev.atelier.Api;
import dev.atelier.AtelierTest;
import dev.atelier.Fixtures;

/** Tiny limits, so that the size limit and the quota are reached with small files. */
@AtelierTest
@TestPropertySource(properties = {"atelier.portfolio.quota-per-creator=40KB", "atelier.portfolio.max-file-size=30KB"})
class QuotaTests {

    @Autowired
    Api api;

    @Test
    void a_file_over_the_limit_or_the_quota_is_refused_and_the_quota_is_per_creator() throws Exception {
        var creator = api.signUp("CREATOR");
        api.as(creator, multipart("/api/portfolio/works").file(text("big.txt", 31_000)))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.title").value("File too large"));
        api.as(creator, multipart("/api/portfolio/works").file(text("first.txt", 25_000)))
                .andExpect(status().isCreated());
        api.as(creator, multipart("/api/portfolio/works").file(text("second.txt", 20_000)))
                .andExpect(status().isInsufficientStorage())
                .andExpect(jsonPath("$.title").value("Storage quota reached"));
        api.as(creator, get("/api/portfolio/works")).andExpect(jsonPath("$.length()").value(1));

        var other = api.signUp("CREATOR");
        api.as(other, multipart("/api/portfolio/works").file(text("theirs.txt", 20_000)))
                .andExpect(status().isCreated());
    }

    private static MockMultipartFile text(String name, int bytes) {
        var essay = new StringBuilder();
        var seed = 0;
        while (essay.length() < bytes) {
            essay.append(Fixtures.formalEssay(1, seed++ + name.hashCode()));
        }
        return new MockMultipartFile("files", name, "text/plain",
                essay.substring(0, bytes).getBytes(StandardCharsets.UTF_8));
    }
}
