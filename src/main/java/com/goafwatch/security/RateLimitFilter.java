package com.goafwatch.security;

import java.io.IOException;
import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.goafwatch.system.LimitsProperties;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.util.concurrent.batch.BatchHelper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A token bucket per caller (user, token or JWT subject; the client address when anonymous) over the API, the OGC API
 * and the vector tiles: {@code goafwatch.limits.requests-per-minute} requests, refilled continuously. Beyond it: 429
 * with Retry-After. Zero switches the limit off. The buckets live in the {@link BucketStore}, shared loosely: each instance
 * may admit {@code goafwatch.limits.request-slack-percent} of the budget before writing back.
 */
@Component
class RateLimitFilter extends OncePerRequestFilter {

    private final LimitsProperties limits;
    private final ProblemWriter problems;
    private final BucketStore buckets;

    RateLimitFilter(LimitsProperties limits, ProblemWriter problems, BucketStore buckets) {
        this.limits = limits;
        this.problems = problems;
        this.buckets = buckets;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return limits.requestsPerMinute() <= 0
                || !(uri.startsWith("/api/") || uri.startsWith("/tiles/") || uri.equals("/ogcapi") || uri.startsWith("/ogcapi/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String key = auth != null && auth.isAuthenticated() ? Actor.current() : "ip:" + request.getRemoteAddr();
        int perMinute = limits.requestsPerMinute();
        ConsumptionProbe probe;
        try {
            // loosely shared: a transaction per slack's worth of requests, not per request (BucketStore#looseBucket)
            probe = buckets.looseBucket("requests:" + key, () -> BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))).build(),
                    (long) perMinute * limits.requestSlackPercent() / 100).tryConsumeAndReturnRemaining(1);
        } catch (BucketExceptions.BucketExecutionException | BatchHelper.BatchFailedException e) {
            // the buckets are in PostgreSQL: fail closed (a loose bucket's write-back shared by parallel requests fails
            // as a BatchFailedException in each of them)
            BucketStoreUnavailable.write(problems, response);
            return;
        }
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
            response.setHeader("Retry-After", String.valueOf(seconds));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                    key + " exceeded " + perMinute + " requests per minute (goafwatch.limits.requests-per-minute)");
            return;
        }
        chain.doFilter(request, response);
    }
}
