package dev.atelier.identity;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.atelier.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/vetting")
@Tag(name = "Vetting", description = "Creators apply; reviewers approve, reject or request changes")
class VettingController {

    private final Vetting vetting;

    VettingController(Vetting vetting) {
        this.vetting = vetting;
    }

    @GetMapping("/application")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "Your application, its status and the reviewer's reason")
    CreatorApplication mine(@AuthenticationPrincipal SignedInAccount me) {
        return vetting.applicationOf(me.id()).orElseThrow(() -> ProblemException.notFound("No application",
                "You have not applied yet. PUT your application to /api/vetting/application."));
    }

    @PutMapping("/application")
    @PreAuthorize("hasRole('CREATOR')")
    @Operation(summary = "Apply, or resubmit after a rejection or a request for changes")
    CreatorApplication submit(@AuthenticationPrincipal SignedInAccount me, @Valid @RequestBody ApplicationForm form) {
        return vetting.submit(me.id(), form);
    }

    @GetMapping("/queue")
    @PreAuthorize("hasRole('REVIEWER')")
    @Operation(summary = "Applications waiting for a decision, oldest first (reviewers)")
    List<CreatorApplication> queue() {
        return vetting.queue();
    }

    @PostMapping("/applications/{creatorId}/decision")
    @PreAuthorize("hasRole('REVIEWER')")
    @Operation(summary = "Approve, reject or request changes (reviewers); a reason is required unless approving")
    CreatorApplication decide(@AuthenticationPrincipal SignedInAccount me, @PathVariable String creatorId,
                              @Valid @RequestBody DecisionForm form) {
        return vetting.decide(parse(creatorId), form, me);
    }

    static AccountId parse(String id) {
        try {
            return AccountId.parse(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No application", "There is no creator with id " + id + ".");
        }
    }
}
