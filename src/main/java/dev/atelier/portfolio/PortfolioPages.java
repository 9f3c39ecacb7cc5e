package dev.atelier.portfolio;


import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.atelier.identity.CreatorId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;

/**
 * The portfolio grid. Uploads come from the drag-and-drop area (JavaScript, JSON answer, progress bar) or, without
 * JavaScript, from the plain form (redirect with a summary). Consent and visibility toggles swap one card via htmx.
 */
@Controller
@PreAuthorize("hasRole('CREATOR')")
class PortfolioPages {

    private final Portfolio portfolio;
    private final Uploads uploads;
    private final PortfolioSettings settings;

    PortfolioPages(Portfolio portfolio, Uploads uploads, PortfolioSettings settings) {
        this.portfolio = portfolio;
        this.uploads = uploads;
        this.settings = settings;
    }

    @GetMapping("/portfolio")
    String grid(@AuthenticationPrincipal SignedInAccount me, Model model) {
        summary(CreatorId.of(me.id()), model);
        model.addAttribute("maxFile", Uploads.megabytes(settings.maxFileSize().toBytes()));
        model.addAttribute("maxFiles", settings.maxFilesPerUpload());
        return "portfolio/works";
    }

    /** The works and the line that counts them: how many, how many may train the model, storage used. */
    private void summary(CreatorId creator, Model model) {
        var works = portfolio.worksOf(creator);
        model.addAttribute("works", works);
        model.addAttribute("consented", works.stream().filter(Work::trainConsent).count());
        model.addAttribute("used", Uploads.megabytes(portfolio.usedBytes(creator)));
        model.addAttribute("quota", Uploads.megabytes(settings.quotaPerCreator().toBytes()));
    }

    @PostMapping(path = "/portfolio/upload", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Uploads.Outcome uploadFromScript(@AuthenticationPrincipal SignedInAccount me,
                                     @RequestParam(name = "files", required = false) MultipartFile @Nullable [] files,
                                     @RequestParam(defaultValue = "false") boolean ownership,
                                     @RequestParam(required = false) @Nullable String tags) {
        return uploads.upload(CreatorId.of(me.id()), MultipartUpload.of(files), ownership, MultipartUpload.tags(tags));
    }

    @PostMapping("/portfolio/upload")
    String uploadFromForm(@AuthenticationPrincipal SignedInAccount me,
                          @RequestParam(name = "files", required = false) MultipartFile @Nullable [] files,
                          @RequestParam(defaultValue = "false") boolean ownership,
                          @RequestParam(required = false) @Nullable String tags, RedirectAttributes redirect) {
        try {
            var outcome = uploads.upload(CreatorId.of(me.id()), MultipartUpload.of(files), ownership,
                    MultipartUpload.tags(tags));
            redirect.addFlashAttribute("notice", outcome.accepted().size() + " uploaded"
                    + (outcome.rejected().isEmpty() ? "." : ", " + outcome.rejected().size() + " refused."));
            redirect.addFlashAttribute("refusals", outcome.rejected());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.detail());
        }
        return "redirect:/portfolio";
    }

    @PostMapping("/portfolio/works/{id}/consent")
    String consent(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id,
                   @RequestParam boolean consent, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
                   Model model) {
        var creator = CreatorId.of(me.id());
        var work = portfolio.setTrainConsent(creator, PortfolioController.parse(id), consent);
        return card(creator, work, htmx, model);
    }

    @PostMapping("/portfolio/works/{id}/public")
    String visibility(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id,
                      @RequestParam boolean visible,
                      @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
        var creator = CreatorId.of(me.id());
        var work = portfolio.find(creator, PortfolioController.parse(id)).orElseThrow();
        work = portfolio.edit(creator, work.id(), work.title(), work.tags(), visible);
        return card(creator, work, htmx, model);
    }

    @GetMapping("/portfolio/works/{id}")
    String editForm(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id, Model model) {
        model.addAttribute("work", portfolio.find(CreatorId.of(me.id()), PortfolioController.parse(id))
                .orElseThrow(() -> ProblemException.notFound("No such work", "Your portfolio has no such work.")));
        return "portfolio/edit";
    }

    @PostMapping("/portfolio/works/{id}")
    String edit(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id, @RequestParam String title,
                @RequestParam(required = false) @Nullable String tags, RedirectAttributes redirect) {
        var creator = CreatorId.of(me.id());
        var work = portfolio.find(creator, PortfolioController.parse(id)).orElseThrow();
        try {
            portfolio.edit(creator, work.id(), title, MultipartUpload.tags(tags), work.publicInPortfolio());
            redirect.addFlashAttribute("notice", "Saved '" + title.strip() + "'.");
            return "redirect:/portfolio";
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.detail());
            return "redirect:/portfolio/works/" + id;
        }
    }

    @PostMapping("/portfolio/works/{id}/delete")
    String delete(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id, RedirectAttributes redirect) {
        var creator = CreatorId.of(me.id());
        var work = portfolio.find(creator, PortfolioController.parse(id)).orElseThrow();
        portfolio.delete(creator, work.id());
        redirect.addFlashAttribute("notice", "Deleted '" + work.title() + "'.");
        return "redirect:/portfolio";
    }

    @GetMapping("/portfolio/works/{id}/file")
    ResponseEntity<InputStreamResource> file(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id) {
        var creator = CreatorId.of(me.id());
        var work = portfolio.find(creator, PortfolioController.parse(id)).orElseThrow(() ->
                ProblemException.notFound("No such work", "Your portfolio has no such work."));
        return PortfolioController.download(work, portfolio.openFile(creator, work.id()));
    }

    @GetMapping("/portfolio/works/{id}/thumbnail")
    ResponseEntity<InputStreamResource> thumbnail(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id) {
        var content = portfolio.openThumbnail(CreatorId.of(me.id()), PortfolioController.parse(id));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .body(new InputStreamResource(content));
    }

    /** The swapped card, and the summary line out of band, since its "may train" count may have changed. */
    private String card(CreatorId creator, Work work, @Nullable String htmx, Model model) {
        if (htmx == null) {
            return "redirect:/portfolio";
        }
        summary(creator, model);
        model.addAttribute("work", work);
        model.addAttribute("summaryOutOfBand", true);
        return "portfolio/works :: toggled";
    }

}
