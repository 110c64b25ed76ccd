package com.goafwatch.alert;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;

/**
 * Acknowledges many alerts with one comment, all or nothing: one transaction, and every alert is checked against the
 * caller's projects (403) and must be raised (409) before any is changed, so a refusal leaves all of them as they were.
 */
@Service
class BulkAcknowledgement {

    static final int MAX_ALERTS = 500;

    private final AlertRepository alerts;
    private final AlertLifecycle lifecycle;
    private final ProjectAccess access;

    BulkAcknowledgement(AlertRepository alerts, AlertLifecycle lifecycle, ProjectAccess access) {
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.access = access;
    }

    /** @return the acknowledged alerts, in the order asked */
    @Transactional
    List<Alert> acknowledge(List<Long> ids, String comment) {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_ALERTS) {
            throw ApiException.unprocessable("invalid-body", "Invalid bulk acknowledgement", "ids: 1-" + MAX_ALERTS + " alert ids required")
                    .with("field", "ids");
        }
        if (comment == null || comment.isBlank()) {
            throw ApiException.unprocessable("invalid-comment", "Invalid comment", "comment: required, not blank").with("field", "comment");
        }
        LinkedHashSet<Long> unique = new LinkedHashSet<>(ids);
        for (Long id : unique) {
            if (id == null) {
                throw ApiException.unprocessable("invalid-body", "Invalid bulk acknowledgement", "ids: null id").with("field", "ids");
            }
            Alert a = alerts.findById(id).orElseThrow(() -> ApiException.notFound("alert", id));
            access.require(a.projectId());
            if (!"raised".equals(a.state())) {
                throw ApiException.conflict("alert-not-raised", "alert " + id + " is " + a.state() + "; only raised alerts can be acknowledged")
                        .with("alertId", id).with("state", a.state());
            }
        }
        List<Alert> done = new ArrayList<>();
        for (Long id : unique) {
            done.add(lifecycle.acknowledge(id, comment)); // joins this transaction
        }
        return done;
    }
}
