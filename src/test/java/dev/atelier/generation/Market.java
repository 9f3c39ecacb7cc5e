package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.atelier.Api;
import dev.atelier.Fixtures;
import dev.atelier.engine.TinyGguf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * Sets up the marketplace for generation tests through the public API: creators who are vetted, subscribed and
 * have a trained model, their offerings, and clients with money. Generation runs the real llama.cpp engine on the
 * tiny GGUF that {@link TinyGguf} writes.
 */
record Market(Api api) {

    static final Duration WAIT = Duration.ofSeconds(120);

    static {
        TinyGguf.path();
    }

    /** A creator with AI features and a ready model trained on {@code texts}. */
    Api.Actor trainedCreator(String... texts) throws Exception {
        var creator = api.approvedCreator(10_000);
        api.as(creator, post("/api/subscription").header("Idempotency-Key", "subscribe"))
                .andExpect(status().isCreated());
        var upload = multipart("/api/portfolio/works");
        for (var i = 0; i < texts.length; i++) {
            upload.file(new MockMultipartFile("files", "work-" + i + ".txt", "text/plain",
                    texts[i].getBytes(StandardCharsets.UTF_8)));
        }
        api.as(creator, upload.param("ownership", "true")).andExpect(status().isCreated());
        var job = api.body(api.as(creator, post("/api/model/trainings")).andExpect(status().isCreated()));
        var jobId = job.get("id").asString();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            var state = api.body(api.as(creator, get("/api/model/trainings/" + jobId))).get("status").asString();
            return !state.equals("QUEUED") && !state.equals("RUNNING");
        });
        assertThat(api.body(api.as(creator, get("/api/model/trainings/" + jobId))).get("status").asString())
                .isEqualTo("SUCCEEDED");
        return creator;
    }

    Api.Actor trainedCreator() throws Exception {
        return trainedCreator(Fixtures.formalEssay(10, 1), Fixtures.formalEssay(10, 2));
    }

    /** Publishes an offering; {@code changes} override the defaults (5.00 per generation, 3 previews a day). */
    JsonNode publish(Api.Actor creator, Map<String, Object> changes) throws Exception {
        return api.body(api.as(creator, post("/api/offerings").contentType(MediaType.APPLICATION_JSON)
                        .content(api.write(draft(changes))))
                .andExpect(status().isCreated()));
    }

    static Map<String, Object> draft(Map<String, Object> changes) {
        var draft = new HashMap<String, Object>(Map.of("title", "Brand essays", "outputKind", "TEXT",
                "description", "Short essays on brand strategy in my voice.",
                "guidance", "Write one essay of two short paragraphs.", "pricing", "PER_GENERATION",
                "price", "5.00", "freePreviewsPerDay", 3, "reviewBeforeRelease", false));
        draft.putAll(changes);
        return draft;
    }

    Api.Actor client(long funds) throws Exception {
        var client = api.signUp("CLIENT");
        if (funds > 0) {
            api.topUp(client, funds, UUID.randomUUID().toString()).andExpect(status().isCreated());
        }
        return client;
    }

    /** Starts a preview and waits until it is ready. */
    JsonNode readyPreview(Api.Actor client, String slug) throws Exception {
        var started = startPreview(client, slug, "A short essay on why small brands should write plainly.");
        var id = started.get("id").asString();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                !api.body(api.as(client, get("/api/previews/" + id))).get("status").asString().equals("GENERATING"));
        var preview = api.body(api.as(client, get("/api/previews/" + id)));
        assertThat(preview.get("status").asString()).as(preview.toString()).isEqualTo("READY");
        return preview;
    }

    JsonNode startPreview(Api.Actor client, String slug, String brief) throws Exception {
        return api.body(api.as(client, post("/api/offerings/" + slug + "/previews")
                        .contentType(MediaType.APPLICATION_JSON).content(api.write(Map.of("brief", brief))))
                .andExpect(status().isAccepted()));
    }

    JsonNode buy(Api.Actor client, String previewId, String key) throws Exception {
        return api.body(api.as(client, post("/api/previews/" + previewId + "/purchase").header("Idempotency-Key", key))
                .andExpect(status().isCreated()));
    }

    /** A balance in minor units, from the owner's accounts. */
    long balance(Api.Actor owner, String kind) throws Exception {
        for (var account : api.body(api.as(owner, get("/api/ledger/accounts")))) {
            if (account.get("kind").asString().equals(kind)) {
                return account.get("balance").get("minor").asLong();
            }
        }
        return 0;
    }
}
