package com.goafwatch.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of credential parts under a random key that lives only in this process: what a cache of verified
 * credentials keys on instead of the credentials themselves. Without the key a stolen fingerprint tells nothing, and
 * after a restart no fingerprint matches.
 */
final class CredentialFingerprint {

    private final SecretKeySpec key;

    CredentialFingerprint() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The fingerprint of {@code parts}, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ. */
    String of(CharSequence... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (CharSequence part : parts) {
                mac.update(part.toString().getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
