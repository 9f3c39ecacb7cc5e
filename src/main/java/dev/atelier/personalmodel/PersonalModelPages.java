package dev.atelier.personalmodel;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.atelier.identity.CreatorId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;
import dev.atelier.subscription.Entitlements;

/** The model page: train with live progress (server-sent events), versions with lineage, the style profile. */
@Controller
@PreAuthorize("hasRole('CREATOR')")
class PersonalModelPages {

    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

    private final TrainingRuns trainings;
    private final ModelVersions versions;
    private final Entitlements entitlements;
    private final Clock clock;

    PersonalModelPages(TrainingRuns trainings, ModelVersions versions, Entitlements entitlements, Clock clock) {
        this.trainings = trainings;
        this.versions = versions;
        this.entitlements = entitlements;
        this.clock = clock;
    }

    @GetMapping("/model")
    String model(@AuthenticationPrincipal SignedInAccount me, Model model) {
        var creator = CreatorId.of(me.id());
        model.addAttribute("entitlement", entitlements.check(me.id()));
        model.addAttribute("versions", versions.of(creator));
        model.addAttribute("job", trainings.latest(creator).orElse(null));
        return "model/versions";
    }

    @PostMapping("/model/train")
    String train(@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
        try {
            trainings.start(CreatorId.of(me.id()), "Trained on request");
            redirect.addFlashAttribute("notice", "Training started. You can leave this page; it keeps going.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.detail());
        }
        return "redirect:/model";
    }

    @PostMapping("/model/trainings/{id}/cancel")
    String cancel(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            trainings.cancel(CreatorId.of(me.id()), id);
            redirect.addFlashAttribute("notice", "Cancelling the training.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.detail());
        }
        return "redirect:/model";
    }

    /** Progress as server-sent events ({@code progress}, then {@code finished}), read from the job's row. */
    @GetMapping(path = "/model/trainings/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter progress(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        var creator = CreatorId.of(me.id());
        trainings.job(creator, id).orElseThrow(() -> ProblemException.notFound("No such training",
                "You have no training with id " + id + "."));
        var emitter = new SseEmitter(Duration.ofMinutes(60).toMillis());
        Thread.ofVirtual().name("training-progress-" + id).start(() -> {
            try {
                while (true) {
                    var job = trainings.job(creator, id).orElseThrow();
                    var data = new LinkedHashMap<String, Object>();
                    data.put("status", job.status());
                    data.put("phase", job.phase());
                    data.put("done", job.done());
                    data.put("total", job.total());
                    data.put("percent", job.percent());
                    data.put("etaSeconds", job.etaSeconds(clock.instant()));
                    data.put("error", job.error());
                    emitter.send(SseEmitter.event().name(job.status().finished() ? "finished" : "progress").data(data,
                            MediaType.APPLICATION_JSON));
                    if (job.status().finished()) {
                        emitter.complete();
                        return;
                    }
                    Thread.sleep(PROGRESS_EVERY);
                }
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
            }
        });
        return emitter;
    }

    @GetMapping("/model/versions/{id}")
    String version(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, Model model) {
        model.addAttribute("version", versions.find(CreatorId.of(me.id()), new ModelVersionId(id)).orElseThrow(() ->
                ProblemException.notFound("No such version", "You have no model version with id " + id + ".")));
        return "model/version";
    }

    @PostMapping("/model/versions/{id}/activate")
    String activate(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            var version = versions.activate(CreatorId.of(me.id()), new ModelVersionId(id));
            redirect.addFlashAttribute("notice", "Version " + version.number() + " is now active.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.detail());
        }
        return "redirect:/model";
    }
}
