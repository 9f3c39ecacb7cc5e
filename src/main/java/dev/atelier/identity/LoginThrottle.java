package dev.atelier.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address in a sliding window, and refuses further attempts
 * once either limit is reached, until the oldest failure leaves the window.
 *
 * <p>Thread-safe: each key's window is guarded by its own deque's monitor. State is per node; behind a load
 * balancer with sticky addresses this still bounds guessing to limit × nodes per window.
 */
@Component
class LoginThrottle {

    record Verdict(boolean allowed, Duration retryAfter) {
        static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);
    }

    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final IdentitySettings settings;
    private final Clock clock;

    LoginThrottle(IdentitySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Verdict check(@Nullable String email, String ip) {
        var now = clock.instant();
        var byIp = retryAfter("ip:" + ip, settings.maxFailuresPerIp(), now);
        var byAccount = email == null || email.isBlank() ? Duration.ZERO
                : retryAfter("account:" + AccountRepository.normalise(email), settings.maxFailuresPerAccount(), now);
        var wait = byIp.compareTo(byAccount) >= 0 ? byIp : byAccount;
        return wait.isZero() ? Verdict.ALLOWED : new Verdict(false, wait);
    }

    void failed(@Nullable String email, String ip) {
        var now = clock.instant();
        if (failures.size() > MAX_TRACKED_KEYS) {
            forgetExpired(now);
        }
        remember("ip:" + ip, settings.maxFailuresPerIp(), now);
        if (email != null && !email.isBlank()) {
            remember("account:" + AccountRepository.normalise(email), settings.maxFailuresPerAccount(), now);
        }
    }

    void succeeded(String email) {
        failures.remove("account:" + AccountRepository.normalise(email));
    }

    private void remember(String key, int limit, Instant now) {
        var window = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (window) {
            expire(window, now);
            window.addLast(now);
            while (window.size() > limit) {
                window.removeFirst();
            }
        }
    }

    private Duration retryAfter(String key, int limit, Instant now) {
        var window = failures.get(key);
        if (window == null) {
            return Duration.ZERO;
        }
        synchronized (window) {
            expire(window, now);
            if (window.size() < limit) {
                return Duration.ZERO;
            }
            return Duration.between(now, window.peekFirst().plus(settings.failureWindow()));
        }
    }

    private void expire(Deque<Instant> window, Instant now) {
        var cutoff = now.minus(settings.failureWindow());
        while (!window.isEmpty() && !window.peekFirst().isAfter(cutoff)) {
            window.removeFirst();
        }
    }

    private void forgetExpired(Instant now) {
        failures.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                expire(entry.getValue(), now);
                return entry.getValue().isEmpty();
            }
        });
    }
}
