package dev.atelier.problem;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request failed for a reason the caller can act on. The title names the kind of problem (it becomes the
 * problem type, e.g. {@code /problems/insufficient-funds}); the detail says what happened in this request.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    public static ProblemException notFound(String title, String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, title, detail);
    }

    public static ProblemException conflict(String title, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, title, detail);
    }

    public static ProblemException unprocessable(String title, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, title, detail);
    }

    public static ProblemException badRequest(String title, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, title, detail);
    }

    public static ProblemException forbidden(String title, String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, title, detail);
    }

    public String title() {
        var title = getBody().getTitle();
        return title == null ? "" : title;
    }

    public String detail() {
        var detail = getBody().getDetail();
        return detail == null ? "" : detail;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("/problems/" + slug(title)));
        return problem;
    }

    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
