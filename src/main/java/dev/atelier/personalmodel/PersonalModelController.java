package dev.atelier.personalmodel;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.atelier.identity.CreatorId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/model")
@PreAuthorize("hasRole('CREATOR')")
@Tag(name = "Personal model", description = "Train your model on consented works; versions, lineage, style profile")
class PersonalModelController {

    private final TrainingRuns trainings;
    private final ModelVersions versions;

    PersonalModelController(TrainingRuns trainings, ModelVersions versions) {
        this.trainings = trainings;
        this.versions = versions;
    }

    @PostMapping("/trainings")
    @Operation(summary = "Start training a new version on the works whose 'may train my model' is on now")
    ResponseEntity<TrainingJob> train(@AuthenticationPrincipal SignedInAccount me) {
        return ResponseEntity.status(HttpStatus.CREATED).body(trainings.start(CreatorId.of(me.id()), "Trained on request"));
    }

    @GetMapping("/trainings/{id}")
    @Operation(summary = "A training's status, phase, progress (percent) and ETA")
    TrainingJob training(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return trainings.job(CreatorId.of(me.id()), id).orElseThrow(() -> ProblemException.notFound(
                "No such training", "You have no training with id " + id + "."));
    }

    @PostMapping("/trainings/{id}/cancel")
    TrainingJob cancel(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return trainings.cancel(CreatorId.of(me.id()), id);
    }

    @GetMapping("/versions")
    @Operation(summary = "Your model versions, newest first, with lineage, metrics and style profile")
    List<ModelVersion> versions(@AuthenticationPrincipal SignedInAccount me) {
        return versions.of(CreatorId.of(me.id()));
    }

    @GetMapping("/versions/{id}")
    ModelVersion version(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return versions.find(CreatorId.of(me.id()), new ModelVersionId(id)).orElseThrow(() ->
                ProblemException.notFound("No such version", "You have no model version with id " + id + "."));
    }

    @PostMapping("/versions/{id}/activate")
    @Operation(summary = "Make a ready version the active one (a rollback when it is older)")
    ModelVersion activate(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        return versions.activate(CreatorId.of(me.id()), new ModelVersionId(id));
    }
}
