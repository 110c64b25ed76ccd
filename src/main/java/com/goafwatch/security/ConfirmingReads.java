package com.goafwatch.security;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.goafwatch.system.ApiException;

/**
 * Runs the one statement of a request that may use a remembered API token or HTTP Basic login (tiles, OGC features and items pages) with the
 * request's pending {@link TokenProof}, so that the statement confirms the token in its own snapshot. Shared by every
 * such read so that all answer a token revoked, expired or changed on any instance alike: read again, and the request
 * answered as the token stands now (401, or the data its current principal may see).
 */
@Component
public class ConfirmingReads {

    /** What a statement read, and whether the token proof it carried held (true when it carried none). */
    public record Proven<T>(T value, boolean tokenHeld) {
    }

    /**
     * The statement's value, read with the pending proof (null when none). If the proof did not hold, the token is read
     * again: a 401 {@link ApiException} when it is no longer valid, else the statement runs once more without a proof on
     * the principal just read, so {@code statement} must ask for the caller's projects itself, not close over them.
     */
    public <T> T read(Function<TokenProof, Proven<T>> statement) {
        TokenProof proof = TokenProof.pending();
        Proven<T> result = statement.apply(proof);
        if (proof == null) {
            return result.value();
        }
        if (result.tokenHeld()) {
            proof.confirmed();
            return result.value();
        }
        require(proof); // revoked, expired or changed since this instance remembered it
        return statement.apply(null).value();
    }

    /** Confirms a pending proof on its own, for an answer read without a statement that could carry it (a 304). */
    public void confirmNow() {
        TokenProof proof = TokenProof.pending();
        if (proof != null) {
            require(proof);
        }
    }

    private void require(TokenProof proof) {
        Optional<Duration> wait = proof.throttled(); // the statement also said "maybe drawn down" for the login throttle
        if (wait.isPresent()) {
            throw LoginThrottle.refused(wait.get());
        }
        if (!proof.reconfirm()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "unknown, revoked or expired credentials");
        }
    }
}
