package dev.atelier.web;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.atelier.identity.SignedInAccount;

/** Gives every page's layout the signed-in account (or null) and whether dev mode is on. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final boolean devMode;

    LayoutAdvice(@Value("${atelier.dev-mode:false}") boolean devMode) {
        this.devMode = devMode;
    }

    @ModelAttribute("me")
    @Nullable SignedInAccount me() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedInAccount account
                ? account : null;
    }

    @ModelAttribute("devMode")
    boolean devMode() {
        return devMode;
    }
}
