package com.goafwatch.evaluation;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import com.goafwatch.system.ApiException;

/** A requested cycle waited {@code goafwatch.evaluation.manual-wait} for a cycle of the project running elsewhere. */
class EvaluationBusyException extends ApiException {

    EvaluationBusyException(long projectId, Duration waited) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "evaluation-busy", "Evaluation busy",
                "a cycle of project " + projectId + " has been running on another instance for longer than the "
                        + waited.toSeconds() + " s this request may wait (goafwatch.evaluation.manual-wait); retry later");
        with("projectId", projectId);
        with("retryAfterSeconds", Math.max(1, waited.toSeconds()));
    }
}
