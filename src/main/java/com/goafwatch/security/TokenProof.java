package com.goafwatch.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * A credential whose principal this instance remembered instead of reading it from the database before the request: an
 * API token ({@link TokenService}) or an HTTP Basic user name and password ({@link RememberedBasicLogins}). It is
 * therefore not yet confirmed: the statement that reads the request's data confirms it in the same snapshot
 * ({@link #column} in its select list, read by {@link #held}; run through {@link ConfirmingReads}), so a token revoked,
 * expired or changed, or a user disabled, re-granted or given a new password, on any instance before that statement
 * starts is refused by it. A request whose proof is still pending when its response is written is checked then (see
 * {@link PendingTokenAdvice}), so no response goes out on an unconfirmed credential. The failed-sign-in throttle's check
 * may ride along in the same condition ({@link #throttledBy}).
 */
public final class TokenProof {

    /** Who remembered the credential, and reads it again when a statement says the row no longer matches. */
    interface Issuer {
        /** True, with the request's principal replaced by the current one, if the credential is still valid. */
        boolean reconfirm(TokenProof proof);
    }

    private static final String ATTRIBUTE = TokenProof.class.getName();

    private final String condition;
    private final List<Object> params;
    private final String key;
    private final Issuer issuer;
    private final Supplier<Optional<Duration>> throttle; // the full login-throttle check when the statement did not hold, or null
    private volatile boolean confirmed; // or refused: nothing left to check

    /**
     * @param condition SQL boolean expression that is true while the credential's row still says what the remembered
     *                  principal was built from
     * @param params    its parameters, in order
     * @param key       the issuer's key of the remembered credential (a hash, never the secret)
     */
    TokenProof(String condition, List<Object> params, String key, Issuer issuer) {
        this(condition, params, key, issuer, null);
    }

    private TokenProof(String condition, List<Object> params, String key, Issuer issuer, Supplier<Optional<Duration>> throttle) {
        this.condition = condition;
        this.params = params;
        this.key = key;
        this.issuer = issuer;
        this.throttle = throttle;
    }

    /**
     * This proof with the login throttle's check left to the same statement ({@link LoginThrottle#deferred}): it holds only
     * while the credential's row matches and neither the user name's nor the address's bucket is drawn down. When it does
     * not hold, {@link #throttled} runs the throttle's full check before the credential is read again.
     */
    TokenProof throttledBy(LoginThrottle.Deferred deferred) {
        if (deferred.condition() == null) {
            return this; // no limit configured
        }
        List<Object> all = new ArrayList<>(params); // may hold nulls (a token without a project)
        all.addAll(deferred.condition().params());
        return new TokenProof("(" + condition + ") AND " + deferred.condition().sql(), all, key, issuer, deferred.refusal());
    }

    /**
     * How long a login-throttled caller must wait, or empty; to be asked before {@link #reconfirm} whenever the statement
     * did not confirm the proof (or none could), since the throttle was then not checked yet. A refusal ends the proof.
     */
    Optional<Duration> throttled() {
        Optional<Duration> wait = throttle == null ? Optional.empty() : throttle.get();
        if (wait.isPresent()) {
            refused();
        }
        return wait;
    }

    /**
     * The select-list item {@code , <condition> AS token_held} for {@code proof} (empty for null), its parameters put first in
     * {@code params}: the item must come before every other placeholder of the statement. Read it with {@link #held}.
     */
    public static String column(TokenProof proof, List<Object> params) {
        if (proof == null) {
            return "";
        }
        params.addAll(0, proof.params);
        return ", " + proof.condition + " AS token_held";
    }

    /** Whether the row's {@link #column} held (true when the statement carried no proof). */
    public static boolean held(TokenProof proof, java.sql.ResultSet row) throws java.sql.SQLException {
        return proof == null || row.getBoolean("token_held");
    }

    /** The current request's unconfirmed credential, or null (no request, another kind of caller, or already confirmed). */
    static TokenProof pending() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        TokenProof proof = request == null ? null : (TokenProof) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return proof == null || proof.confirmed ? null : proof;
    }

    /** The statement holding the condition answered true. */
    void confirmed() {
        confirmed = true;
    }

    /** Read again and found invalid: the request is answered 401 and must not be read a third time. */
    void refused() {
        confirmed = true;
    }

    String key() {
        return key;
    }

    /** Reads the credential again (see {@link Issuer#reconfirm}). */
    boolean reconfirm() {
        return issuer.reconfirm(this);
    }

    void attachTo(jakarta.servlet.http.HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    static TokenProof pendingOn(jakarta.servlet.http.HttpServletRequest request) {
        TokenProof proof = (TokenProof) request.getAttribute(ATTRIBUTE);
        return proof == null || proof.confirmed ? null : proof;
    }
}
