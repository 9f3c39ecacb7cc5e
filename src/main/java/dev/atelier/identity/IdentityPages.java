package dev.atelier.identity;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.atelier.problem.FormErrors;
import dev.atelier.problem.ProblemException;

/** Sign-up, sign-in, first-admin setup and API keys in the browser. */
@Controller
class IdentityPages {

    private final Registration registration;
    private final FirstAdmin firstAdmin;
    private final ApiKeys keys;

    IdentityPages(Registration registration, FirstAdmin firstAdmin, ApiKeys keys) {
        this.registration = registration;
        this.firstAdmin = firstAdmin;
        this.keys = keys;
    }

    @GetMapping("/login")
    String login() {
        return "identity/login";
    }

    @GetMapping("/signup")
    String signUpForm(@RequestParam(defaultValue = "CREATOR") String role, Model model) {
        model.addAttribute("form", new SignUpForm("", "", "", "CLIENT".equals(role) ? Role.CLIENT : Role.CREATOR));
        model.addAttribute("errors", Map.of());
        return "identity/signup";
    }

    @PostMapping("/signup")
    String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult result, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        if (!result.hasErrors()) {
            try {
                var account = registration.signUp(form);
                signIn(account, request, response);
                return "redirect:/dashboard";
            } catch (ProblemException e) {
                model.addAttribute("errors", Map.of("email", e.detail()));
                return "identity/signup";
            }
        }
        model.addAttribute("errors", FormErrors.of(result));
        return "identity/signup";
    }

    /** Signing up signs you in, in a fresh session id, as signing in with the form would. */
    private void signIn(Account account, HttpServletRequest request, HttpServletResponse response) {
        var principal = new SignedInAccount(account, null);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        request.getSession(true);
        request.changeSessionId();
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
    }

    @GetMapping("/setup")
    String setupForm(Model model) {
        if (!firstAdmin.open()) {
            return "redirect:/login";
        }
        model.addAttribute("errors", Map.of());
        return "identity/setup";
    }

    @PostMapping("/setup")
    String setUp(@RequestParam String token, @Valid @ModelAttribute("form") NewReviewer form, BindingResult result,
                 Model model) {
        if (!result.hasErrors()) {
            try {
                firstAdmin.complete(token, form);
                return "redirect:/login?setup";
            } catch (ProblemException e) {
                model.addAttribute("errors", FormErrors.of(e));
                return "identity/setup";
            }
        }
        model.addAttribute("errors", FormErrors.of(result));
        return "identity/setup";
    }

    @GetMapping("/account/api-keys")
    String apiKeys(@AuthenticationPrincipal SignedInAccount me, Model model) {
        model.addAttribute("keys", keys.of(me.id()));
        model.addAttribute("errors", Map.of());
        return "identity/api-keys";
    }

    @PostMapping("/account/api-keys")
    String createApiKey(@AuthenticationPrincipal SignedInAccount me,
                        @Valid @ModelAttribute("form") ApiKeyController.NewKey form, BindingResult result,
                        Model model) {
        if (result.hasErrors()) {
            model.addAttribute("errors", FormErrors.of(result));
        } else {
            model.addAttribute("issued", keys.issue(me.id(), Objects.requireNonNull(form.name())));
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("keys", keys.of(me.id()));
        return "identity/api-keys";
    }

    @PostMapping("/account/api-keys/{id}/revoke")
    String revokeApiKey(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id,
                        RedirectAttributes redirect) {
        if (!keys.revoke(me.id(), id)) {
            throw ProblemException.notFound("No such API key", "You have no API key with id " + id + ".");
        }
        redirect.addFlashAttribute("notice", "The key was revoked. Requests that use it are now refused.");
        return "redirect:/account/api-keys";
    }

}
