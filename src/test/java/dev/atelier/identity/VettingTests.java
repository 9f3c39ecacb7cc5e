package dev.atelier.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.atelier.Api;
import dev.atelier.AtelierTest;

@AtelierTest
@RecordApplicationEvents
class VettingTests {

    @Autowired
    Api api;

    @Autowired
    AuditLog audit;

    @Test
    void rejecting_needs_a_reason_which_the_creator_then_reads() throws Exception {
        var creator = api.applicant();
        var reviewer = api.reviewer();
        decide(reviewer, creator, "{\"decision\":\"REJECT\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message")
                        .value("Give the creator a reason when you reject or request changes."));
        api.as(creator, get("/api/vetting/application")).andExpect(jsonPath("$.status").value("SUBMITTED"));

        decide(reviewer, creator, "{\"decision\":\"REJECT\",\"reason\":\"No samples we could open.\"}")
                .andExpect(status().isOk());
        api.as(creator, get("/api/vetting/application"))
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.reason").value("No samples we could open."));
    }

    @Test
    void a_creator_resubmits_after_a_request_for_changes_and_can_then_be_approved(ApplicationEvents events)
            throws Exception {
        var creator = api.applicant();
        var reviewer = api.reviewer();
        decide(reviewer, creator, "{\"decision\":\"REQUEST_CHANGES\",\"reason\":\"Add a link to your work.\"}")
                .andExpect(jsonPath("$.status").value("CHANGES_REQUESTED"));
        api.as(creator, put("/api/vetting/application").contentType(MediaType.APPLICATION_JSON).content(api.write(Map.of(
                        "headline", "Brand copywriter", "categories", List.of("copywriting"),
                        "portfolioLinks", List.of("https://example.test/portfolio"),
                        "statement", "Now with links: brand copy for small climate companies for a decade."))))
                .andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andExpect(jsonPath("$.reason").doesNotExist());
        decide(reviewer, creator, "{\"decision\":\"APPROVE\"}").andExpect(jsonPath("$.status").value("APPROVED"));

        assertThat(events.stream(CreatorVetted.class).filter(e -> e.creator().toString().equals(creator.id()))
                .map(CreatorVetted::status)).containsExactly(VettingStatus.CHANGES_REQUESTED, VettingStatus.APPROVED);
        assertThat(audit.about("account:" + creator.id())).extracting(AuditLog.Entry::action)
                .containsSubsequence("VETTING_SUBMITTED", "VETTING_REQUEST_CHANGES", "VETTING_RESUBMITTED",
                        "VETTING_APPROVE");
        assertThat(audit.about("account:" + creator.id()))
                .filteredOn(entry -> entry.action().equals("VETTING_APPROVE"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actorEmail()).isEqualTo(reviewer.email());
                    assertThat(entry.ip()).isNotBlank();
                });
    }

    @Test
    void a_decided_application_cannot_be_decided_again_nor_an_approved_one_resubmitted() throws Exception {
        var creator = api.applicant();
        var reviewer = api.reviewer();
        decide(reviewer, creator, "{\"decision\":\"APPROVE\"}").andExpect(status().isOk());
        decide(api.admin(), creator, "{\"decision\":\"REJECT\",\"reason\":\"late\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Application not awaiting review"));
        api.as(creator, put("/api/vetting/application").contentType(MediaType.APPLICATION_JSON).content(api.write(Map.of(
                        "headline", "Another headline", "categories", List.of("x"),
                        "statement", "A statement long enough to pass validation, it has more than fifty chars."))))
                .andExpect(status().isConflict());
        api.as(creator, get("/api/vetting/application")).andExpect(jsonPath("$.status").value("APPROVED"));
    }

    @Test
    void an_invalid_application_lists_what_to_fix_and_stores_nothing() throws Exception {
        var creator = api.signUp("CREATOR");
        api.as(creator, put("/api/vetting/application").contentType(MediaType.APPLICATION_JSON).content(api.write(Map.of(
                        "headline", "Hi", "categories", List.of(), "portfolioLinks", List.of("ftp://nope"),
                        "statement", "too short"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(4));
        api.as(creator, get("/api/vetting/application")).andExpect(status().isNotFound());
    }

    private org.springframework.test.web.servlet.ResultActions decide(Api.Actor reviewer, Api.Actor creator,
                                                                      String body) throws Exception {
        return api.as(reviewer, post("/api/vetting/applications/" + creator.id() + "/decision")
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
