package com.goafwatch.security;

import java.util.List;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * An API token whose principal this instance remembered instead of reading {@code api_token} before the request, and
 * which is therefore not yet confirmed: the statement that reads the request's data confirms it in the same snapshot
 * ({@link #column} in its select list, read by {@link #held}; run through {@link ConfirmingReads}), so a token revoked,
 * expired or changed on any instance before that statement starts is refused by it. A request whose proof is still pending when its response is written is
 * checked then (see {@link PendingTokenAdvice}), so no response goes out on an unconfirmed token.
 */
public final class TokenProof {

    private static final String ATTRIBUTE = TokenProof.class.getName();

    /** True when the token row still says what the remembered principal was built from; parameters: {@link #params()}. */
    private static final String SQL = "EXISTS (SELECT 1 FROM api_token t WHERE t.token_hash = ? AND t.id = ? AND t.name = ? "
            + "AND t.role = ? AND t.project_id IS NOT DISTINCT FROM ? AND t.revoked_at IS NULL AND t.expires_at > now() "
            + "AND ARRAY(SELECT c.cable_id FROM api_token_cable c WHERE c.token_id = t.id ORDER BY c.cable_id) = ?::bigint[])";

    private final String hash;
    private final long id;
    private final String name;
    private final String role;
    private final Long projectId;
    private final Long[] cables;
    private volatile boolean confirmed; // or refused: nothing left to check

    TokenProof(String hash, long id, String name, String role, Long projectId, List<Long> sortedCables) {
        this.hash = hash;
        this.id = id;
        this.name = name;
        this.role = role;
        this.projectId = projectId;
        this.cables = sortedCables.toArray(Long[]::new);
    }

    /**
     * The select-list item {@code , <SQL> AS token_held} for {@code proof} (empty for null), its parameters put first in
     * {@code params}: the item must come before every other placeholder of the statement. Read it with {@link #held}.
     */
    public static String column(TokenProof proof, List<Object> params) {
        if (proof == null) {
            return "";
        }
        params.addAll(0, proof.params());
        return ", " + SQL + " AS token_held";
    }

    /** Whether the row's {@link #column} held (true when the statement carried no proof). */
    public static boolean held(TokenProof proof, java.sql.ResultSet row) throws java.sql.SQLException {
        return proof == null || row.getBoolean("token_held");
    }

    /** The parameters of {@link #SQL}, in order. */
    private List<Object> params() {
        return java.util.Arrays.asList(hash, id, name, role, projectId, cables);
    }

    /** The current request's unconfirmed token, or null (no request, another kind of caller, or already confirmed). */
    static TokenProof pending() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        TokenProof proof = request == null ? null : (TokenProof) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return proof == null || proof.confirmed ? null : proof;
    }

    /** The statement holding {@link #SQL} answered true. */
    void confirmed() {
        confirmed = true;
    }

    /** Read again and found invalid: the request is answered 401 and must not be read a third time. */
    void refused() {
        confirmed = true;
    }

    String hash() {
        return hash;
    }

    void attachTo(jakarta.servlet.http.HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    static TokenProof pendingOn(jakarta.servlet.http.HttpServletRequest request) {
        TokenProof proof = (TokenProof) request.getAttribute(ATTRIBUTE);
        return proof == null || proof.confirmed ? null : proof;
    }
}
