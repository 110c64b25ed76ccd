package com.goafwatch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * API tokens: {@code gw_<8-char id>_<43-char secret>}. The plaintext is shown once at creation; only its
 * SHA-256 is stored (a token is random, so a fast hash suffices, unlike passwords). Tokens expire and can
 * be revoked; an ingest token is bound to one project and optionally to a list of cables.
 */
@Service
public class TokenService implements TokenProof.Issuer {

    public static final String PREFIX = "gw_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token's metadata; never its secret. */
    public record TokenInfo(long id, String name, String prefix, Role role, Long projectId, List<Long> cableIds, String createdBy,
            OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {
    }

    /** A freshly created token: the only time its secret is returned. */
    public record CreatedToken(TokenInfo token, String secret) {
    }

    /**
     * How long a verified token's principal is remembered. Short, so that its last use is still recorded within about
     * a minute and a half (only a full verification records it); correctness does not depend on it, as every use of a
     * remembered principal is confirmed against the row (TokenProof).
     */
    static final Duration REMEMBER = Duration.ofSeconds(30);

    /** True when the token row still says what the remembered principal was built from (see {@link Remembered#proof}). */
    private static final String HOLDS = "EXISTS (SELECT 1 FROM api_token t WHERE t.token_hash = ? AND t.id = ? AND t.name = ? "
            + "AND t.role = ? AND t.project_id IS NOT DISTINCT FROM ? AND t.revoked_at IS NULL AND t.expires_at > now() "
            + "AND ARRAY(SELECT c.cable_id FROM api_token_cable c WHERE c.token_id = t.id ORDER BY c.cable_id) = ?::bigint[])";

    private final JdbcClient jdbc;
    // bounded: at most this many tokens remembered, each briefly
    private final Cache<String, Remembered> remembered = Caffeine.newBuilder().expireAfterWrite(REMEMBER).maximumSize(10_000).build();

    TokenService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public CreatedToken create(String name, Role role, Long projectId, Set<Long> cableIds, Duration lifetime, String createdBy) {
        String id = randomText(6).substring(0, 8);
        String secret = PREFIX + id + "_" + randomText(32);
        long tokenId = jdbc.sql("INSERT INTO api_token (name, token_prefix, token_hash, role, project_id, created_by, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?)) RETURNING id")
                .params(name, PREFIX + id, sha256(secret), role.dbValue(), projectId, createdBy, (double) lifetime.toSeconds())
                .query(Long.class).single();
        for (Long cable : cableIds) {
            jdbc.sql("INSERT INTO api_token_cable (token_id, cable_id) VALUES (?, ?)").params(tokenId, cable).update();
        }
        return new CreatedToken(find(tokenId).orElseThrow(), secret);
    }

    private static List<Long> cableIds(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(o -> ((Number) o).longValue()).toList();
    }

    /** The principal of a valid (known, unrevoked, unexpired) token, read from {@code api_token} now. */
    Optional<GoafPrincipal> authenticate(String secret) {
        if (!wellFormed(secret)) {
            return Optional.empty();
        }
        return verify(sha256(secret)).map(Remembered::principal);
    }

    /**
     * The principal this instance built for the token within the last {@link #REMEMBER}, with a proof the caller must
     * have confirmed in the statement that reads its data ({@link TokenProof}); empty when not remembered.
     */
    Optional<Remembered> remembered(String secret) {
        return wellFormed(secret) ? Optional.ofNullable(remembered.getIfPresent(sha256(secret))) : Optional.empty();
    }

    /**
     * Reads the token of an unconfirmed proof again (its statement said the row no longer matches, or no statement
     * confirmed it): true, with the request's principal replaced by the row's current one, if the token is still valid.
     */
    @Override
    public boolean reconfirm(TokenProof proof) {
        remembered.invalidate(proof.key());
        Optional<Remembered> now = verify(proof.key());
        if (now.isEmpty()) {
            SecurityContextHolder.clearContext();
            proof.refused();
            return false;
        }
        SecurityContextHolder.getContext().setAuthentication(new ApiTokenAuthentication(now.get().principal()));
        proof.confirmed();
        return true;
    }

    private static boolean wellFormed(String secret) {
        return secret != null && secret.startsWith(PREFIX) && secret.length() <= 200;
    }

    private Optional<Remembered> verify(String hash) {
        // one round trip per request: the token, its cables, and whether its last use needs recording
        Optional<Map<String, Object>> row = jdbc.sql("SELECT t.id, t.name, t.role, t.project_id, "
                + "ARRAY(SELECT c.cable_id FROM api_token_cable c WHERE c.token_id = t.id ORDER BY c.cable_id) AS cables, "
                + "(t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale "
                + "FROM api_token t WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > now()")
                .param(hash).query((rs, i) -> {
                    Map<String, Object> r = new java.util.HashMap<>();
                    r.put("id", rs.getLong("id"));
                    r.put("name", rs.getString("name"));
                    r.put("role", rs.getString("role"));
                    r.put("project_id", rs.getObject("project_id"));
                    r.put("cables", cableIds(rs.getArray("cables")));
                    r.put("stale", rs.getBoolean("stale"));
                    return r;
                }).optional();
        // last use to the minute: a busy gateway must not write (and lock) its token row on every request
        row.filter(r -> Boolean.TRUE.equals(r.get("stale"))).ifPresent(r -> jdbc.sql("UPDATE api_token SET last_used_at = now() "
                + "WHERE id = ?").param(((Number) r.get("id")).longValue()).update());
        if (row.isEmpty()) {
            remembered.invalidate(hash);
            return Optional.empty();
        }
        Map<String, Object> r = row.get();
        Role role = Role.parse((String) r.get("role")).orElseThrow();
        Long project = r.get("project_id") == null ? null : ((Number) r.get("project_id")).longValue();
        @SuppressWarnings("unchecked")
        List<Long> cables = (List<Long>) r.get("cables");
        // a token without a project was made by an admin for all projects (ingest tokens always have one)
        GoafPrincipal principal = new GoafPrincipal("token:" + r.get("name"), role, project == null,
                project == null ? Set.of() : Set.of(project), new HashSet<>(cables));
        Remembered verified = new Remembered(principal, hash, (Long) r.get("id"), (String) r.get("name"), (String) r.get("role"),
                project, cables);
        remembered.put(hash, verified);
        return Optional.of(verified);
    }

    /** A verified token's principal and the row fields it was built from (the proof compares them with the row again). */
    record Remembered(GoafPrincipal principal, String hash, long id, String name, String role, Long projectId, List<Long> cables) {

        TokenProof proof(TokenProof.Issuer issuer) {
            return new TokenProof(HOLDS, java.util.Arrays.asList(hash, id, name, role, projectId, cables.toArray(Long[]::new)), hash, issuer);
        }
    }

    public List<TokenInfo> list() {
        return jdbc.sql("SELECT id FROM api_token ORDER BY id").query(Long.class).list().stream().map(id -> find(id).orElseThrow()).toList();
    }

    @Transactional
    public boolean revoke(long id) {
        return jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL").param(id).update() == 1;
    }

    Optional<TokenInfo> find(long id) {
        return jdbc.sql("SELECT id, name, token_prefix, role, project_id, created_by, created_at, expires_at, revoked_at, last_used_at "
                + "FROM api_token WHERE id = ?").param(id).query((rs, n) -> new TokenInfo(rs.getLong(1), rs.getString(2),
                        rs.getString(3), Role.parse(rs.getString(4)).orElseThrow(), (Long) rs.getObject(5),
                        jdbc.sql("SELECT cable_id FROM api_token_cable WHERE token_id = ? ORDER BY cable_id").param(id)
                                .query(Long.class).list(),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class),
                        rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class)))
                .optional();
    }

    private static String randomText(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('-', 'x').replace('_', 'y');
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
