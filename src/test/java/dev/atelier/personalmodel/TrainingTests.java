package dev.atelier.personalmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import dev.atelier.Api;
import dev.atelier.AtelierTest;
import dev.atelier.Fixtures;
import dev.atelier.identity.CreatorId;
import dev.atelier.index.CreatorIndexes;
import dev.atelier.portfolio.Portfolio;
import dev.atelier.portfolio.Work;
import dev.atelier.storage.ObjectStoreAccessLog;

/** Real Tika, ONNX embeddings and Lucene, on the test database (H2, or PostgreSQL in CI's second pass). */
@AtelierTest
class TrainingTests {

    private static final Duration TRAINING = Duration.ofSeconds(90);

    @Autowired
    Api api;

    @Autowired
    ModelVersions versions;

    @Autowired
    TrainingRuns trainings;

    @Autowired
    TrainingRunner runner;

    @Autowired
    CreatorIndexes indexes;

    @Autowired
    Portfolio portfolio;

    @Autowired
    ObjectStoreAccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

    @Test
    void training_learns_from_consented_works_only_and_records_lineage_profile_and_accuracy() throws Exception {
        var creator = entitledCreator();
        upload(creator, true, file("charter.txt", Fixtures.formalEssay(12, 1)), file("review.txt",
                Fixtures.formalEssay(12, 2)), file("poster.png", Fixtures.png(90, 60, Color.RED, Color.BLUE)),
                file("voice.wav", Fixtures.wav(0.5, 0.5)));
        upload(creator, false, file("diary.txt", Fixtures.chattyPost(6, 3)));

        var version = train(creator);
        assertThat(version.status()).isEqualTo(VersionStatus.READY);
        assertThat(version.active()).isTrue();
        assertThat(version.lineage()).extracting(ModelVersion.LineageItem::title)
                .containsExactlyInAnyOrder("charter", "review", "poster", "voice");
        var chunks = ((Number) version.metrics().get("chunks")).intValue();
        assertThat(chunks).isPositive();
        assertThat((double) version.metrics().get("classifierAccuracy")).isGreaterThanOrEqualTo(0.8);
        assertThat(version.styleProfile()).containsKeys("text", "images", "audio");
        assertThat(indexes.open(id(creator), version.namespace()).count()).isEqualTo(chunks);

        api.as(creator, get("/api/model/versions/" + version.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lineage.length()").value(4))
                .andExpect(jsonPath("$.styleProfile.text.sentenceLengths").isArray());
    }

    @Test
    void a_creators_training_never_touches_another_creators_files_or_chunks() throws Exception {
        var a = entitledCreator();
        var b = entitledCreator();
        upload(b, true, file("b-secret.txt", "Bravo bravo unique-marker-of-b. " + Fixtures.chattyPost(8, 9)));
        var bVersion = train(b);
        upload(a, true, file("a-essay.txt", Fixtures.formalEssay(8, 4)));

        accessLog.clear();
        var aVersion = train(a);

        var aIndex = indexes.open(id(a), aVersion.namespace());
        var bWorkIds = portfolio.worksOf(id(b)).stream().map(work -> work.id().toString()).toList();
        assertThat(aIndex.chunkIds()).isNotEmpty().noneMatch(chunk -> bWorkIds.stream().anyMatch(chunk::startsWith));
        assertThat(aIndex.textSearch("unique-marker-of-b", 10)).isEmpty();
        assertThat(accessLog.readsUnder("creators/" + b.id())).as("no file of B's was read").isEmpty();
        assertThat(indexes.open(id(b), bVersion.namespace()).textSearch("unique-marker-of-b", 10)).isNotEmpty();
    }

    @Test
    void a_job_stopped_mid_way_resumes_and_ends_with_the_same_chunks() throws Exception {
        var creator = entitledCreator();
        upload(creator, true, file("long-report.txt", Fixtures.formalEssay(90, 5)),
                file("second-report.txt", Fixtures.formalEssay(60, 6)));
        var job = trainings.enqueue(id(creator), "crash test");
        var checkpoints = new ArrayList<Integer>();
        assertThatThrownBy(() -> runner.runIfClaimed(job.id(), (done, total) -> {
            checkpoints.add(done);
            if (checkpoints.size() == 1) {
                throw new SimulatedCrash();
            }
        })).isInstanceOf(SimulatedCrash.class);
        var stopped = trainings.job(id(creator), job.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(TrainingJob.Status.RUNNING);
        assertThat(stopped.done()).isPositive().isLessThan(stopped.total());

        assertThat(runner.resume(job.id())).isTrue();
        var resumed = trainings.job(id(creator), job.id()).orElseThrow();
        assertThat(resumed.status()).isEqualTo(TrainingJob.Status.SUCCEEDED);
        var version = versions.find(id(creator), job.version()).orElseThrow();
        assertThat(indexes.open(id(creator), version.namespace()).chunkIds()).isEqualTo(expectedChunkIds(creator));
    }

    @Test
    void revoking_consent_retires_versions_that_used_the_item_and_trains_one_without_it() throws Exception {
        var creator = entitledCreator();
        upload(creator, true, file("keep.txt", Fixtures.formalEssay(6, 7)),
                file("withdraw.txt", "Zanzibar-quill-phrase appears only here. " + Fixtures.formalEssay(6, 8)));
        var first = train(creator);
        var withdrawn = portfolio.worksOf(id(creator)).stream().filter(w -> w.title().equals("withdraw"))
                .findFirst().orElseThrow();
        var firstIndexDir = Path.of("target/test-data/index", creator.id(), first.namespace());
        assertThat(firstIndexDir).isDirectory();

        api.as(creator, patch("/api/portfolio/works/" + withdrawn.id()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"trainConsent\":false}")).andExpect(status().isOk());

        await().atMost(TRAINING).until(() -> versions.of(id(creator)).stream()
                .anyMatch(v -> v.number() == 2 && v.status() == VersionStatus.READY));
        var retired = versions.find(id(creator), first.id()).orElseThrow();
        assertThat(retired.status()).isEqualTo(VersionStatus.RETIRED);
        assertThat(retired.retiredReason()).contains("'withdraw'").contains("consent was revoked");
        assertThat(firstIndexDir).doesNotExist();

        var second = versions.active(id(creator)).orElseThrow();
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.lineage()).extracting(ModelVersion.LineageItem::title).containsExactly("keep");
        assertThat(indexes.open(id(creator), second.namespace()).textSearch("Zanzibar-quill-phrase", 5)).isEmpty();
        assertThat(jdbc.sql("select count(*) from model_chunk where work_id = :work")
                .param("work", withdrawn.id().value()).query(Long.class).single()).isZero();
        assertThat(filesContain(Path.of("target/test-data/index", creator.id()), "Zanzibar-quill-phrase")).isFalse();

        api.as(creator, post("/api/model/versions/" + first.id() + "/activate"))
                .andExpect(status().isConflict());
    }

    @Test
    void any_ready_version_can_be_made_active_again_and_progress_streams_as_server_sent_events() throws Exception {
        var creator = entitledCreator();
        upload(creator, true, file("first.txt", Fixtures.formalEssay(4, 11)));
        var first = train(creator);
        upload(creator, true, file("second.txt", Fixtures.formalEssay(4, 12)));
        var second = train(creator);
        assertThat(versions.active(id(creator))).map(ModelVersion::number).contains(2);

        api.as(creator, post("/api/model/versions/" + first.id() + "/activate"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(true));
        assertThat(versions.active(id(creator))).map(ModelVersion::id).contains(first.id());
        assertThat(versions.find(id(creator), second.id()).orElseThrow().active()).isFalse();

        var login = api.mvc().perform(post("/login").with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.csrf()).param("username", creator.email())
                .param("password", creator.password())).andReturn();
        var session = (org.springframework.mock.web.MockHttpSession) login.getRequest().getSession(false);
        var job = trainings.latest(id(creator)).orElseThrow();
        var events = api.mvc().perform(get("/model/trainings/" + job.id() + "/events").session(session))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted())
                .andReturn();
        events.getAsyncResult(10_000);
        assertThat(events.getResponse().getContentAsString())
                .contains("event:finished").contains("\"status\":\"SUCCEEDED\"").contains("\"percent\":100");
        var other = entitledCreator();
        var otherLogin = api.mvc().perform(post("/login").with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.csrf()).param("username", other.email())
                .param("password", other.password())).andReturn();
        api.mvc().perform(get("/model/trainings/" + job.id() + "/events")
                        .session((org.springframework.mock.web.MockHttpSession) otherLogin.getRequest().getSession(false)))
                .andExpect(status().isNotFound());
    }

    @Test
    void only_entitled_creators_train() throws Exception {
        var creator = api.approvedCreator(0);
        upload(creator, true, file("essay.txt", Fixtures.formalEssay(2, 1)));
        api.as(creator, post("/api/model/trainings"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Subscribe")));
    }

    private ModelVersion train(Api.Actor creator) throws Exception {
        var job = api.body(api.as(creator, post("/api/model/trainings")).andExpect(status().isCreated()));
        var jobId = UUID.fromString(job.get("id").asString());
        await().atMost(TRAINING).until(() -> trainings.job(id(creator), jobId).orElseThrow().status().finished());
        var finished = trainings.job(id(creator), jobId).orElseThrow();
        assertThat(finished.status()).as(String.valueOf(finished.error())).isEqualTo(TrainingJob.Status.SUCCEEDED);
        return versions.find(id(creator), finished.version()).orElseThrow();
    }

    private Set<String> expectedChunkIds(Api.Actor creator) {
        var ids = new HashSet<String>();
        for (Work work : portfolio.consentedForTraining(id(creator))) {
            var chunks = Chunker.chunk(work.kind(), work.fileName(), portfolio.textOf(id(creator), work.id()));
            chunks.forEach(chunk -> ids.add(work.id() + ":" + chunk.ordinal()));
        }
        return ids;
    }

    private Api.Actor entitledCreator() throws Exception {
        var creator = api.approvedCreator(10_000);
        api.as(creator, post("/api/subscription").header("Idempotency-Key", "train")).andExpect(status().isCreated());
        return creator;
    }

    private void upload(Api.Actor creator, boolean consent, MockMultipartFile... files) throws Exception {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/portfolio/works");
        for (var file : files) {
            request.file(file);
        }
        api.as(creator, request.param("ownership", Boolean.toString(consent))).andExpect(status().isCreated());
    }

    private static MockMultipartFile file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static MockMultipartFile file(String name, byte[] content) {
        return new MockMultipartFile("files", name, "application/octet-stream", content);
    }

    private static boolean filesContain(Path root, String needle) throws IOException {
        if (!Files.exists(root)) {
            return false;
        }
        try (var files = Files.walk(root)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static CreatorId id(Api.Actor actor) {
        return CreatorId.parse(actor.id());
    }

    /** Stands for the process dying: an Error, which the job runner does not treat as a failed training. */
    static final class SimulatedCrash extends Error {
    }
}
