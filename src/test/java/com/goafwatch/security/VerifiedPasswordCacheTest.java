package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The cache skips the slow verification only for a match already made, with the same stored hash, within the ttl. */
class VerifiedPasswordCacheTest {

    /** Matches when the "hash" is "h:" + the password; counts verifications. */
    private static final class CountingEncoder implements PasswordEncoder {
        final AtomicInteger verifications = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return "h:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            verifications.incrementAndGet();
            return encoded.equals("h:" + raw);
        }
    }

    private final CountingEncoder slow = new CountingEncoder();
    private final AtomicLong nanos = new AtomicLong();
    private final VerifiedPasswordCache cache = new VerifiedPasswordCache(slow, Duration.ofSeconds(60), 100, nanos::get);

    @Test
    void aVerifiedPasswordIsNotVerifiedAgainWithinTheTtl() {
        assertThat(cache.matches("secret", "h:secret")).isTrue();
        assertThat(cache.matches("secret", "h:secret")).isTrue();
        assertThat(cache.matches("secret", "h:secret")).isTrue();
        assertThat(slow.verifications).hasValue(1);
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(cache.matches("secret", "h:secret")).isTrue();
        assertThat(slow.verifications).hasValue(2);
    }

    @Test
    void aWrongPasswordOrANewHashIsAlwaysVerified() {
        assertThat(cache.matches("secret", "h:secret")).isTrue();
        // a wrong password is never answered from the cache, and never remembered
        assertThat(cache.matches("guess", "h:secret")).isFalse();
        assertThat(cache.matches("guess", "h:secret")).isFalse();
        assertThat(slow.verifications).hasValue(3);
        // the password was changed: the old one meets the new hash, verified again and refused
        assertThat(cache.matches("secret", "h:changed")).isFalse();
        assertThat(cache.matches("changed", "h:changed")).isTrue();
        assertThat(slow.verifications).hasValue(5);
    }
}
