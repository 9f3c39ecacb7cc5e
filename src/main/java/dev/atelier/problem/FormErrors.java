package dev.atelier.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.validation.BindingResult;

/**
 * The first message for each rejected field of an HTML form, keyed by field name ({@code form} for errors that
 * belong to no field), for templates to show next to the input they concern.
 */
public final class FormErrors {

    private FormErrors() {
    }

    public static Map<String, String> of(BindingResult result) {
        var errors = new LinkedHashMap<String, String>();
        result.getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(),
                error.isBindingFailure() ? "This value is not valid." : String.valueOf(error.getDefaultMessage())));
        result.getGlobalErrors().forEach(error -> errors.putIfAbsent("form", String.valueOf(error.getDefaultMessage())));
        return errors;
    }

    public static Map<String, String> of(ProblemException problem) {
        return Map.of("form", problem.detail());
    }
}
