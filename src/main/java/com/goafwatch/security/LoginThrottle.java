package com.goafwatch.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import com.goafwatch.system.ApiException;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.ConfigurationBuilder;

/**
 * Back-off for failed sign-ins, per user name and per client address, decided before any password is checked. Each
 * key has a bucket of allowed failures (a minute tier and an hour tier, {@link LoginThrottleProperties}); a failure
 * takes one, time refills them, a success refills the user's. While either bucket of a request is empty the attempt is
 * refused with the wait until it refills. Failures and refusals are audited ({@link LoginAudit}).
 */
@Component
class LoginThrottle {

    private final BucketStore buckets;
    private final LoginThrottleProperties limits;
    private final LoginAudit audit;

    LoginThrottle(BucketStore buckets, LoginThrottleProperties limits, LoginAudit audit) {
        this.buckets = buckets;
        this.limits = limits;
        this.audit = audit;
    }

    /** How long the attempt must wait, or empty when it may go ahead. {@code username} may be null (tokens). */
    Optional<Duration> refusal(String username, String address) {
        // nearly every request brings credentials and nearly no key has failures: one cheap read says so for both keys
        List<String> keys = keys(username, address);
        if (keys.isEmpty() || !buckets.anyDrawnDown(keys)) {
            return Optional.empty();
        }
        return drawnDownRefusal(username, address);
    }

    /**
     * The check of {@link #refusal} for a request whose one statement confirms a remembered credential ({@link TokenProof}):
     * its cheap read becomes a condition of that statement ({@link Deferred#condition}, true while neither key's bucket is
     * drawn down), so it costs no round trip of its own, and {@link Deferred#refusal} is the full check to run when the
     * condition is not true. Empty when the buckets are not in the statement's database: then {@link #refusal} runs first.
     */
    Optional<Deferred> deferred(String username, String address) {
        List<String> keys = keys(username, address);
        if (keys.isEmpty()) {
            return Optional.of(new Deferred(null, Optional::empty));
        }
        // the full check needs no cheap read first: it runs when the statement said "maybe drawn down", or none ran; the
        // buckets unreachable is the database's outage (503), as in LoginThrottleFilter
        return buckets.noneDrawnDown(keys).map(condition -> new Deferred(condition, () -> {
            try {
                return drawnDownRefusal(username, address);
            } catch (BucketExceptions.BucketExecutionException e) {
                throw new org.springframework.dao.DataAccessResourceFailureException("login-throttle buckets unavailable", e);
            }
        }));
    }

    /** A throttle check left to a statement: its condition (null: nothing to check) and the full check behind it. */
    record Deferred(BucketStore.SqlCondition condition, Supplier<Optional<Duration>> refusal) {
    }

    /** The 429 of a throttled attempt, for a request refused after its filters ran (same problem as LoginThrottleFilter's). */
    static ApiException refused(Duration wait) {
        long seconds = retryAfterSeconds(wait);
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "login-throttled", "Too many failed sign-ins", detail(seconds))
                .with("retryAfterSeconds", seconds);
    }

    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (long) Math.ceil(wait.toMillis() / 1000.0));
    }

    static String detail(long seconds) {
        return "too many failed sign-ins for this user name or from this address; try again in " + seconds + " s";
    }

    private List<String> keys(String username, String address) {
        return Stream.of(userKey(username), addressKey(address)).filter(java.util.Objects::nonNull).toList();
    }

    private Optional<Duration> drawnDownRefusal(String username, String address) {
        long nanos = Math.max(wait(userBucket(username)), wait(addressBucket(address)));
        if (nanos <= 0) {
            return Optional.empty();
        }
        Duration wait = Duration.ofNanos(nanos);
        // one audit row per key and minute, however hard the door is knocked on
        if (buckets.bucket("login-audit:" + key(username) + "@" + address, () -> BucketConfiguration.builder()
                .addLimit(l -> l.capacity(1).refillIntervally(1, Duration.ofMinutes(1))).build()).tryConsume(1)) {
            audit.throttled(username, address, wait);
        }
        return Optional.of(wait);
    }

    void failed(String username, String address) {
        Bucket user = userBucket(username);
        Bucket from = addressBucket(address);
        if (user != null) {
            user.tryConsume(1);
        }
        if (from != null) {
            from.tryConsume(1);
        }
        audit.failed(username, address);
    }

    void succeeded(String username) {
        Bucket user = userBucket(username);
        if (user != null) {
            user.reset();
        }
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        if (event instanceof AuthenticationFailureServiceExceptionEvent) {
            return; // the user store was down: no verdict on the credentials
        }
        Object details = event.getAuthentication().getDetails();
        String address = details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        failed(event.getAuthentication().getName(), address);
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof LocalUser user) {
            succeeded(user.getUsername());
        }
    }

    /** The user name's bucket key, or null when there is no name or no per-user limit. */
    private String userKey(String username) {
        boolean limited = limits.perUserPerMinute() > 0 || limits.perUserPerHour() > 0;
        return username == null || username.isBlank() || !limited ? null : "login-user:" + key(username);
    }

    /** The client address's bucket key, or null when there is no address or no per-address limit. */
    private String addressKey(String address) {
        boolean limited = limits.perAddressPerMinute() > 0 || limits.perAddressPerHour() > 0;
        return address == null || !limited ? null : "login-address:" + address;
    }

    private Bucket userBucket(String username) {
        String key = userKey(username);
        return key == null ? null : tiers(key, limits.perUserPerMinute(), limits.perUserPerHour());
    }

    private Bucket addressBucket(String address) {
        String key = addressKey(address);
        return key == null ? null : tiers(key, limits.perAddressPerMinute(), limits.perAddressPerHour());
    }

    private Bucket tiers(String key, int perMinute, int perHour) {
        return buckets.bucket(key, () -> {
            ConfigurationBuilder b = BucketConfiguration.builder();
            if (perMinute > 0) {
                b.addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)));
            }
            if (perHour > 0) {
                b.addLimit(l -> l.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)));
            }
            return b.build();
        });
    }

    private static long wait(Bucket bucket) {
        return bucket == null || bucket.getAvailableTokens() >= 1 ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
