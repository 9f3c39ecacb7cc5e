package dev.atelier.identity;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer atl_…} requests. An unknown or revoked key is a 401, never a pass. */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys keys;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final FilterProblems problems;

    ApiKeyAuthenticationFilter(ApiKeys keys, LoginThrottle throttle, AuditLog audit, FilterProblems problems) {
        this.keys = keys;
        this.throttle = throttle;
        this.audit = audit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        var account = keys.authenticate(authorization.substring(7).trim());
        if (account.isEmpty()) {
            throttle.failed(null, request.getRemoteAddr());
            audit.record(null, null, "API_KEY_REJECTED", null, request.getMethod() + " " + request.getRequestURI());
            problems.write(response, HttpStatus.UNAUTHORIZED, "Invalid API key",
                    "The API key is unknown or has been revoked.");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(account.get(), null,
                account.get().getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
