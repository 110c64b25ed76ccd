package com.goafwatch.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
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

    private Bucket userBucket(String username) {
        if (username == null || username.isBlank()) {
            return null;
        }
        return tiers("login-user:" + key(username), limits.perUserPerMinute(), limits.perUserPerHour());
    }

    private Bucket addressBucket(String address) {
        return address == null ? null : tiers("login-address:" + address, limits.perAddressPerMinute(), limits.perAddressPerHour());
    }

    private Bucket tiers(String key, int perMinute, int perHour) {
        if (perMinute <= 0 && perHour <= 0) {
            return null;
        }
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
