package com.goafwatch.security;

import java.time.Duration;

import org.springframework.security.crypto.password.PasswordEncoder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A password encoder that remembers, for a short while, that a password matched its stored hash, so that HTTP Basic
 * (GDAL, QGIS and scripts send the password on every request) does not pay a bcrypt verification per request.
 * <p>
 * What is remembered is an HMAC, under a random key that lives only in this process, of the stored hash and the
 * presented password: never the password. The stored hash is part of the key, so a password change misses at once;
 * the user row (enabled, role, grants) is still loaded and checked on every request by Spring Security before the
 * password is compared, so disabling a user or changing grants takes effect at once too. Only matches are
 * remembered (a wrong password always costs a full verification), for {@code ttl}, at most {@code maxEntries}.
 */
final class VerifiedPasswordCache implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Cache<String, Boolean> verified;
    private final CredentialFingerprint fingerprints = new CredentialFingerprint();

    VerifiedPasswordCache(PasswordEncoder delegate, Duration ttl, long maxEntries, Ticker ticker) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).ticker(ticker).build();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String fingerprint = fingerprints.of(encodedPassword, rawPassword);
        if (verified.getIfPresent(fingerprint) != null) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.put(fingerprint, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }
}
