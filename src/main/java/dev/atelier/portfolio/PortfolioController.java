package dev.atelier.portfolio;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.atelier.identity.CreatorId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/portfolio")
@PreAuthorize("hasRole('CREATOR')")
@Tag(name = "Portfolio", description = "Your works: upload, consent to training, publish, edit, delete")
class PortfolioController {

    record WorkChange(@Nullable String title, @Nullable List<String> tags, @Nullable Boolean publicInPortfolio,
                      @Nullable Boolean trainConsent) {
    }

    record Usage(long usedBytes, long quotaBytes) {
    }

    private final Portfolio portfolio;
    private final Uploads uploads;
    private final PortfolioSettings settings;

    PortfolioController(Portfolio portfolio, Uploads uploads, PortfolioSettings settings) {
        this.portfolio = portfolio;
        this.uploads = uploads;
        this.settings = settings;
    }

    @PostMapping(path = "/works", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload one or more files. 'ownership=true' affirms you own them and turns on training "
            + "consent. Each file is accepted or rejected on its own; 201 lists both, 4xx when none was accepted.")
    ResponseEntity<?> upload(@AuthenticationPrincipal SignedInAccount me,
                             @RequestParam(name = "files", required = false) MultipartFile @Nullable [] files,
                             @RequestParam(defaultValue = "false") boolean ownership,
                             @RequestParam(required = false) @Nullable String tags) {
        var outcome = uploads.upload(CreatorId.of(me.id()), MultipartUpload.of(files), ownership,
                MultipartUpload.tags(tags));
        return respond(outcome);
    }

    /** At least one accepted: 201 with both lists. None: the single refusal's status, or 422 for several. */
    static ResponseEntity<?> respond(Uploads.Outcome outcome) {
        if (!outcome.accepted().isEmpty()) {
            return ResponseEntity.status(HttpStatus.CREATED).body(outcome);
        }
        var only = outcome.rejected().size() == 1 ? outcome.rejected().getFirst() : null;
        var status = only == null ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.valueOf(only.status());
        var problem = ProblemDetail.forStatusAndDetail(status, only == null
                ? "None of the " + outcome.rejected().size() + " files was accepted; see rejected."
                : only.detail());
        problem.setTitle(only == null ? "No file accepted" : only.title());
        problem.setProperty("rejected", outcome.rejected());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @GetMapping("/works")
    @Operation(summary = "Your works, newest first")
    List<Work> works(@AuthenticationPrincipal SignedInAccount me) {
        return portfolio.worksOf(CreatorId.of(me.id()));
    }

    @GetMapping("/works/{id}")
    Work work(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id) {
        return portfolio.find(CreatorId.of(me.id()), parse(id)).orElseThrow(() -> notFound(id));
    }

    @PatchMapping("/works/{id}")
    @Operation(summary = "Change the title, tags, 'public in my portfolio' or 'may train my model'")
    Work change(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id, @RequestBody WorkChange change) {
        var creator = CreatorId.of(me.id());
        var work = portfolio.find(creator, parse(id)).orElseThrow(() -> notFound(id));
        if (change.title() != null || change.tags() != null || change.publicInPortfolio() != null) {
            work = portfolio.edit(creator, work.id(), change.title() == null ? work.title() : change.title(),
                    change.tags() == null ? work.tags() : change.tags(),
                    change.publicInPortfolio() == null ? work.publicInPortfolio() : change.publicInPortfolio());
        }
        if (change.trainConsent() != null) {
            work = portfolio.setTrainConsent(creator, work.id(), change.trainConsent());
        }
        return work;
    }

    @DeleteMapping("/works/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id) {
        portfolio.delete(CreatorId.of(me.id()), parse(id));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/works/{id}/file")
    @Operation(summary = "Download the original file")
    ResponseEntity<InputStreamResource> file(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id) {
        var creator = CreatorId.of(me.id());
        var work = portfolio.find(creator, parse(id)).orElseThrow(() -> notFound(id));
        return download(work, portfolio.openFile(creator, work.id()));
    }

    @GetMapping("/usage")
    Usage usage(@AuthenticationPrincipal SignedInAccount me) {
        return new Usage(portfolio.usedBytes(CreatorId.of(me.id())), settings.quotaPerCreator().toBytes());
    }

    /** Served as an attachment in a sandbox, never rendered as a page: an uploaded HTML or SVG runs nothing. */
    static ResponseEntity<InputStreamResource> download(Work work, java.io.InputStream content) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(work.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(work.sizeBytes())
                .body(new InputStreamResource(content));
    }

    static WorkId parse(String id) {
        try {
            return new WorkId(java.util.UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No such work", "Your portfolio has no work with id " + id + ".");
    }
}
