package com.goafwatch.security;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.goafwatch.system.LimitsProperties;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A token bucket per caller (user, token or JWT subject; the client address when anonymous):
 * {@code goafwatch.limits.requests-per-minute} requests, refilled continuously. Beyond it: 429 with
 * Retry-After. Zero switches the limit off.
 */
@Component
class RateLimitFilter extends OncePerRequestFilter {

    private static final int MAX_TRACKED_CALLERS = 10_000;

    private final LimitsProperties limits;
    private final ProblemWriter problems;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(LimitsProperties limits, ProblemWriter problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return limits.requestsPerMinute() <= 0 || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String key = auth != null && auth.isAuthenticated() ? Actor.current() : "ip:" + request.getRemoteAddr();
        double capacity = limits.requestsPerMinute();
        double perMs = capacity / 60_000.0;
        long now = System.currentTimeMillis();
        double waitMs;
        if (buckets.size() > MAX_TRACKED_CALLERS) {
            // a full bucket that has been idle for a while is the same as no bucket: forget it
            buckets.entrySet().removeIf(e -> now - e.getValue()[1] > 120_000);
        }
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {capacity, now});
        synchronized (bucket) {
            bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) * perMs);
            bucket[1] = now;
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
                waitMs = 0;
            } else {
                waitMs = (1 - bucket[0]) / perMs;
            }
        }
        if (waitMs > 0) {
            long seconds = Math.max(1, (long) Math.ceil(waitMs / 1000));
            response.setHeader("Retry-After", String.valueOf(seconds));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                    key + " exceeded " + limits.requestsPerMinute() + " requests per minute (goafwatch.limits.requests-per-minute)");
            return;
        }
        chain.doFilter(request, response);
    }
}
