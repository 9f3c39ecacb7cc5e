package dev.atelier.portfolio;

import org.springframework.http.HttpStatus;

import dev.atelier.problem.ProblemException;

/** An uploaded file was refused; the title names the rule, the detail says what was wrong with this file. */
public class Rejected extends ProblemException {

    Rejected(HttpStatus status, String title, String detail) {
        super(status, title, detail);
    }

    static Rejected unsupported(String detail) {
        return new Rejected(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "File type not accepted", detail);
    }

    static Rejected invalid(String title, String detail) {
        return new Rejected(HttpStatus.UNPROCESSABLE_CONTENT, title, detail);
    }

    static Rejected tooLarge(String detail) {
        return new Rejected(HttpStatus.CONTENT_TOO_LARGE, "File too large", detail);
    }
}
