package dev.atelier.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses sign-in attempts (form posts to {@code /login}, HTTP Basic and Bearer credentials) from an account or
 * address that has failed too often, with 429 and {@code Retry-After}. It runs before any password is checked.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final FilterProblems problems;

    SignInThrottleFilter(LoginThrottle throttle, FilterProblems problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var formLogin = "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/login");
        var authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!formLogin && authorization == null) {
            chain.doFilter(request, response);
            return;
        }
        var email = formLogin ? request.getParameter("username") : basicUser(authorization);
        var verdict = throttle.check(email, request.getRemoteAddr());
        if (verdict.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        var minutes = Math.max(1, (verdict.retryAfter().toSeconds() + 59) / 60);
        var detail = "Too many failed sign-in attempts. Try again in " + minutes
                + (minutes == 1 ? " minute." : " minutes.");
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, verdict.retryAfter().toSeconds())));
        if (formLogin) {
            response.sendError(HttpStatus.TOO_MANY_REQUESTS.value(), detail);
        } else {
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many sign-in attempts", detail);
        }
    }

    private static @Nullable String basicUser(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            var decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            var colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
