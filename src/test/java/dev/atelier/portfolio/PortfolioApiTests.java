package dev.atelier.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.atelier.Api;
import dev.atelier.AtelierTest;
import dev.atelier.Fixtures;
import dev.atelier.identity.CreatorId;
import dev.atelier.storage.ObjectStore;

@AtelierTest
@RecordApplicationEvents
class PortfolioApiTests {

    @Autowired
    Api api;

    @Autowired
    ObjectStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Portfolio portfolio;

    @Test
    void ten_mixed_files_two_refused_with_reasons_and_nothing_left_of_them(ApplicationEvents events) throws Exception {
        var creator = api.signUp("CREATOR");
        var result = api.as(creator, multipart("/api/portfolio/works")
                        .file(file("essay.txt", Fixtures.formalEssay(3, 1).getBytes(StandardCharsets.UTF_8)))
                        .file(file("notes.md", "# Notes\n\nShort notes on tone.".getBytes(StandardCharsets.UTF_8)))
                        .file(file("page.html", "<html><body><p>Landing copy</p></body></html>".getBytes()))
                        .file(file("brief.pdf", Fixtures.pdf("A brief about rivers")))
                        .file(file("letter.docx", Fixtures.docx("Dear client,\n\nThank you.")))
                        .file(file("parser.py", "def parse(text):\n    return text.split()\n".getBytes()))
                        .file(file("poster.png", Fixtures.png(120, 80, Color.ORANGE, Color.DARK_GRAY)))
                        .file(file("voice.wav", Fixtures.wav(0.5, 0.5)))
                        .file(file("invoice.pdf", Fixtures.executable()))
                        .file(file("cover.png", Fixtures.pngWithZip()))
                        .param("ownership", "true").param("tags", "portfolio, 2026"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.accepted.length()").value(8))
                .andExpect(jsonPath("$.rejected.length()").value(2))
                .andExpect(jsonPath("$.rejected[?(@.fileName == 'invoice.pdf')].title").value("File type not accepted"))
                .andExpect(jsonPath("$.rejected[?(@.fileName == 'cover.png')].title").value("Hidden archive"))
                .andExpect(jsonPath("$.accepted[?(@.fileName == 'poster.png')].metadata.width").value(120))
                .andExpect(jsonPath("$.accepted[?(@.fileName == 'voice.wav')].metadata.durationSeconds").value(1.0))
                .andExpect(jsonPath("$.accepted[0].trainConsent").value(true))
                .andExpect(jsonPath("$.accepted[0].tags[1]").value("2026"));
        assertThat(result.andReturn().getResponse().getContentAsString()).doesNotContain("storageKey");

        var id = CreatorId.parse(creator.id());
        var works = portfolio.worksOf(id);
        assertThat(works).hasSize(8).extracting(Work::fileName).doesNotContain("invoice.pdf", "cover.png");
        var stored = works.stream().filter(w -> w.fileName().equals("poster.png")).findFirst().orElseThrow();
        assertThat(store.exists(stored.storageKey())).isTrue();
        assertThat(store.exists(stored.thumbnailKey())).isTrue();
        var objectsOnDisk = java.nio.file.Files.walk(java.nio.file.Path.of("target/test-data/objects/creators/" + id))
                .filter(java.nio.file.Files::isRegularFile).count();
        assertThat(objectsOnDisk).as("8 originals and 1 thumbnail, nothing of the refused files").isEqualTo(9);
        assertThat(events.stream(WorkUploaded.class).filter(e -> e.creator().equals(id))).hasSize(8);
    }

    @Test
    void a_refused_single_upload_is_a_problem_and_stores_nothing() throws Exception {
        var creator = api.signUp("CREATOR");
        api.as(creator, multipart("/api/portfolio/works").file(file("setup.exe", Fixtures.executable())))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.title").value("File type not accepted"))
                .andExpect(jsonPath("$.rejected[0].fileName").value("setup.exe"));
        assertThat(jdbc.sql("select count(*) from work where creator_id = :c").param("c", UUID.fromString(creator.id()))
                .query(Long.class).single()).isZero();
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("target/test-data/objects/creators/"
                + creator.id()))).isFalse();
    }

    @Test
    void a_duplicate_upload_is_detected() throws Exception {
        var creator = api.signUp("CREATOR");
        var content = Fixtures.chattyPost(2, 3).getBytes(StandardCharsets.UTF_8);
        api.as(creator, multipart("/api/portfolio/works").file(file("post.txt", content)))
                .andExpect(status().isCreated());
        api.as(creator, multipart("/api/portfolio/works").file(file("same-post-again.txt", content)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Duplicate upload"))
                .andExpect(jsonPath("$.detail").value("same-post-again.txt is already in your portfolio as 'post'."));
    }

    @Test
    void works_are_edited_consent_switched_and_deleted_with_their_files(ApplicationEvents events) throws Exception {
        var creator = api.signUp("CREATOR");
        var body = api.body(api.as(creator, multipart("/api/portfolio/works")
                .file(file("draft.txt", "A first draft of something good.".getBytes())).param("ownership", "true")));
        var work = body.get("accepted").get(0).get("id").asString();
        api.as(creator, patch("/api/portfolio/works/" + work).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Final copy\",\"publicInPortfolio\":true,\"trainConsent\":false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Final copy"))
                .andExpect(jsonPath("$.publicInPortfolio").value(true))
                .andExpect(jsonPath("$.trainConsent").value(false));
        assertThat(events.stream(WorkConsentChanged.class).filter(e -> e.work().toString().equals(work)))
                .singleElement().satisfies(e -> assertThat(e.trainConsent()).isFalse());

        var other = api.signUp("CREATOR");
        api.as(other, get("/api/portfolio/works/" + work)).andExpect(status().isNotFound());
        api.as(other, delete("/api/portfolio/works/" + work)).andExpect(status().isNotFound());
        api.as(api.signUp("CLIENT"), get("/api/portfolio/works")).andExpect(status().isForbidden());

        api.as(creator, delete("/api/portfolio/works/" + work)).andExpect(status().isNoContent());
        api.as(creator, get("/api/portfolio/works/" + work)).andExpect(status().isNotFound());
        assertThat(events.stream(WorkDeleted.class).filter(e -> e.work().toString().equals(work))).hasSize(1);
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("target/test-data/objects/creators/"
                + creator.id() + "/works/" + work + "/original"))).isFalse();
    }

    private static MockMultipartFile file(String name, byte[] content) {
        return new MockMultipartFile("files", name, "application/octet-stream", content);
    }
}
