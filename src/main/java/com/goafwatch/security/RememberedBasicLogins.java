package com.goafwatch.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * HTTP Basic logins this instance verified moments ago, so that a GIS client's tile and feature requests (GDAL and QGIS
 * send the password with each) cost what a remembered API token costs: no user row read before the request, the row
 * confirmed inside the statement that reads the data ({@link TokenProof}). Remembered only after Spring Security's own
 * Basic authentication succeeded, keyed by an HMAC of user name and password ({@link CredentialFingerprint}), for
 * {@link TokenService#REMEMBER}. A wrong password never matches a remembered login, so failures are still counted and
 * throttled, and {@link LoginThrottleFilter} runs before any of this.
 */
@Component
class RememberedBasicLogins implements TokenProof.Issuer {

    /** True while the user row still says what the remembered principal was built from, and the user is enabled. */
    private static final String HOLDS = "EXISTS (SELECT 1 FROM app_user u WHERE u.id = ? AND u.username = ? AND u.password_hash = ? "
            + "AND u.role = ? AND u.all_projects = ? AND NOT u.disabled "
            + "AND ARRAY(SELECT g.project_id FROM user_project_grant g WHERE g.user_id = u.id ORDER BY g.project_id) = ?::bigint[])";

    /** User name and password of an {@code Authorization: Basic} header. */
    record Credentials(String username, String password) {

        /** Empty when the header is not Basic or not well formed (Spring's Basic filter answers those). */
        static Optional<Credentials> of(String header) {
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 4096) {
                return Optional.empty();
            }
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon <= 0 ? Optional.empty() : Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** A verified login: the caller, and the row fields its proof compares. */
    record Login(LocalUser user, UserStore.UserWithGrants row, String key) {

        Authentication authentication() {
            return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        }

        TokenProof proof(TokenProof.Issuer issuer) {
            UserStore.StoredUser u = row.user();
            return new TokenProof(HOLDS, Arrays.asList(u.id(), u.username(), u.passwordHash(), u.role().dbValue(), u.allProjects(),
                    row.grants().toArray(Long[]::new)), key, issuer);
        }
    }

    private final UserStore users;
    private final PasswordEncoder passwords;
    private final CredentialFingerprint fingerprints = new CredentialFingerprint();
    // bounded: at most this many logins remembered, each briefly
    private final Cache<String, Login> remembered = Caffeine.newBuilder().expireAfterWrite(TokenService.REMEMBER).maximumSize(10_000).build();

    RememberedBasicLogins(UserStore users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    /** The login remembered for exactly these credentials, if any (a wrong password finds none). */
    Optional<Login> remembered(Credentials c) {
        return Optional.ofNullable(remembered.getIfPresent(fingerprints.of(c.username(), c.password())));
    }

    /**
     * Reads the user row and checks the password against it ({@link VerifiedPasswordCache} makes that cheap right after
     * Spring's own check): the login remembered and returned, or empty when the user is unknown, disabled or the password
     * does not match the row.
     */
    Optional<Login> verify(Credentials c) {
        String key = fingerprints.of(c.username(), c.password());
        Optional<Login> login = users.findWithGrants(c.username())
                .filter(row -> !row.user().disabled() && passwords.matches(c.password(), row.user().passwordHash()))
                .map(row -> new Login(withoutHash(LocalUserDetailsService.localUser(row)), row, key));
        login.ifPresentOrElse(l -> remembered.put(key, l), () -> remembered.invalidate(key));
        return login;
    }

    /** The statement said the row changed: the request's credentials are verified again from its own header. */
    @Override
    public boolean reconfirm(TokenProof proof) {
        remembered.invalidate(proof.key());
        Optional<Login> now = currentCredentials().flatMap(this::verify);
        if (now.isEmpty()) {
            SecurityContextHolder.clearContext();
            proof.refused();
            return false;
        }
        SecurityContextHolder.getContext().setAuthentication(now.get().authentication());
        proof.confirmed();
        return true;
    }

    /** The caller as the request's security context holds it: without the password hash, as after Spring's own login. */
    private static LocalUser withoutHash(LocalUser user) {
        user.eraseCredentials();
        return user;
    }

    private static Optional<Credentials> currentCredentials() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? Credentials.of(request.getRequest().getHeader("Authorization")) : Optional.empty();
    }
}
