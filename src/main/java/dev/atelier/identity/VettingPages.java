package dev.atelier.identity;

import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.atelier.problem.FormErrors;
import dev.atelier.problem.ProblemException;

/** The creator's application form and the reviewers' queue. */
@Controller
class VettingPages {

    private final Vetting vetting;

    VettingPages(Vetting vetting) {
        this.vetting = vetting;
    }

    @GetMapping("/creator/application")
    @PreAuthorize("hasRole('CREATOR')")
    String applicationForm(@AuthenticationPrincipal SignedInAccount me, Model model) {
        var application = vetting.applicationOf(me.id());
        model.addAttribute("creatorApplication", application.orElse(null));
        model.addAttribute("form", application.map(ApplicationForm::of).orElseGet(ApplicationForm::empty));
        model.addAttribute("errors", Map.of());
        return "identity/application";
    }

    @PostMapping("/creator/application")
    @PreAuthorize("hasRole('CREATOR')")
    String apply(@AuthenticationPrincipal SignedInAccount me, @Valid @ModelAttribute("form") ApplicationForm form,
                 BindingResult result, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                vetting.submit(me.id(), form);
                redirect.addFlashAttribute("notice", "Your application was sent. Reviewers will get back to you.");
                return "redirect:/dashboard";
            } catch (ProblemException e) {
                model.addAttribute("errors", FormErrors.of(e));
            }
        } else {
            model.addAttribute("errors", FormErrors.of(result));
        }
        model.addAttribute("creatorApplication", vetting.applicationOf(me.id()).orElse(null));
        return "identity/application";
    }

    @GetMapping("/review")
    @PreAuthorize("hasRole('REVIEWER')")
    String queue(Model model) {
        model.addAttribute("queue", vetting.queue());
        return "identity/review";
    }

    @PostMapping("/review/{creatorId}")
    @PreAuthorize("hasRole('REVIEWER')")
    String decide(@AuthenticationPrincipal SignedInAccount me, @PathVariable String creatorId,
                  @Valid @ModelAttribute DecisionForm form, BindingResult result, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            redirect.addFlashAttribute("error", FormErrors.of(result).values().iterator().next());
            redirect.addFlashAttribute("errorFor", creatorId);
            return "redirect:/review";
        }
        try {
            var decided = vetting.decide(VettingController.parse(creatorId), form, me);
            redirect.addFlashAttribute("notice", decided.creatorName() + ": " + decided.status().label() + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.detail());
        }
        return "redirect:/review";
    }
}
