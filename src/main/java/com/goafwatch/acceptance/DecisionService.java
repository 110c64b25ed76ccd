package com.goafwatch.acceptance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.security.ProjectAccess;
import com.goafwatch.system.ApiException;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records the panel's decision: who, when, why, and the verdict it was made on; only then does the
 * parcel's (or phase's) status become accepted or rejected. Accepting against a verdict other than
 * "meets" must be said explicitly ({@code overrideVerdict}), so a click cannot do it by accident, and with its reason
 * ({@code overrideReason}, kept beside the verdict snapshot), so the record says why the panel went against the numbers.
 */
@Service
public class DecisionService {

    /** A decision as requested. */
    public record DecisionRequest(String decision, String comment, Boolean overrideVerdict, Long reportId, String overrideReason) {

        /** The override reason trimmed, or null when none was given. */
        String reason() {
            return overrideReason == null || overrideReason.isBlank() ? null : overrideReason.trim();
        }
    }

    private final JdbcClient jdbc;
    private final AcceptanceService acceptance;
    private final ProjectAccess access;
    private final ObjectMapper mapper;

    DecisionService(JdbcClient jdbc, AcceptanceService acceptance, ProjectAccess access, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.acceptance = acceptance;
        this.access = access;
        this.mapper = mapper;
    }

    @Transactional
    public Map<String, Object> decideParcel(long parcelId, DecisionRequest r) {
        validate(r);
        Map<String, Object> parcel = jdbc.sql("SELECT project_id, phase_id, code, status FROM parcel WHERE id = ? FOR UPDATE").param(parcelId)
                .query().listOfRows().stream().findFirst().orElseThrow(() -> ApiException.notFound("parcel", parcelId));
        long phaseId = ((Number) parcel.get("phase_id")).longValue();
        String status = (String) parcel.get("status");
        if (!"monitoring".equals(status)) {
            throw ApiException.conflict("not-ready-for-decision", "parcel " + parcel.get("code") + " is " + status
                    + "; a decision is taken on a parcel under post-treatment monitoring");
        }
        AcceptanceRules.ParcelVerdict verdict = acceptance.evaluateParcel(parcelId, Instant.now());
        guard(r, verdict.verdict(), "parcel " + parcel.get("code"));
        long id = insert(((Number) parcel.get("project_id")).longValue(), phaseId, parcelId, r, verdict);
        jdbc.sql("UPDATE parcel SET status = ?, updated_at = now() WHERE id = ?").params(r.decision(), parcelId).update();
        return Map.of("id", id, "parcelId", parcelId, "decision", r.decision(), "verdict", verdict.verdict());
    }

    @Transactional
    public Map<String, Object> decidePhase(long phaseId, DecisionRequest r) {
        validate(r);
        Map<String, Object> phase = jdbc.sql("SELECT project_id, ordinal, status FROM phase WHERE id = ? FOR UPDATE").param(phaseId)
                .query().listOfRows().stream().findFirst().orElseThrow(() -> ApiException.notFound("phase", phaseId));
        List<String> undecided = jdbc.sql("SELECT code FROM parcel WHERE phase_id = ? AND status <> 'accepted' ORDER BY code")
                .param(phaseId).query(String.class).list();
        if ("accepted".equals(r.decision()) && !undecided.isEmpty()) {
            throw ApiException.conflict("parcels-not-accepted", "phase " + phase.get("ordinal") + " can be accepted once all its parcels are; "
                    + "not accepted: " + String.join(", ", undecided)).with("parcels", undecided);
        }
        PhaseAcceptance verdict = acceptance.evaluate(phaseId, Instant.now()).acceptance();
        guard(r, verdict.verdict(), "phase " + phase.get("ordinal"));
        long id = insert(((Number) phase.get("project_id")).longValue(), phaseId, null, r, verdict);
        jdbc.sql("UPDATE phase SET status = ?, acceptance_actual = CASE WHEN ? = 'accepted' THEN current_date ELSE acceptance_actual END, "
                + "updated_at = now() WHERE id = ?").params(r.decision(), r.decision(), phaseId).update();
        return Map.of("id", id, "phaseId", phaseId, "decision", r.decision(), "verdict", verdict.verdict());
    }

    public List<Map<String, Object>> decisions(long phaseId) {
        return jdbc.sql("""
                SELECT d.id, d.parcel_id AS "parcelId", p.code AS parcel, d.decision, d.comment, d.decided_by AS "decidedBy",
                       d.decided_at AS "decidedAt", d.verdict->>'verdict' AS verdict, d.verdict->>'overrideReason' AS "overrideReason",
                       d.report_id AS "reportId"
                FROM acceptance_decision d LEFT JOIN parcel p ON p.id = d.parcel_id WHERE d.phase_id = ? ORDER BY d.id""")
                .param(phaseId).query().listOfRows();
    }

    private static void validate(DecisionRequest r) {
        if (r == null || r.decision() == null || !List.of("accepted", "rejected").contains(r.decision())) {
            throw ApiException.unprocessable("invalid-decision", "Invalid decision", "decision must be accepted or rejected");
        }
        if (r.comment() == null || r.comment().isBlank()) {
            throw ApiException.unprocessable("invalid-decision", "Invalid decision",
                    "comment is required: the panel's reasoning (and meeting reference) goes on record");
        }
    }

    private static void guard(DecisionRequest r, Verdict verdict, String what) {
        if ("accepted".equals(r.decision()) && verdict != Verdict.MEETS && !Boolean.TRUE.equals(r.overrideVerdict())) {
            throw ApiException.conflict("verdict-not-met", what + " is '" + verdict.json() + "'; to accept it anyway set overrideVerdict: true "
                    + "and give the reason in overrideReason").with("verdict", verdict.json());
        }
        // checked after the verdict is known: a reason is demanded only where the decision really goes against it
        if ("accepted".equals(r.decision()) && verdict != Verdict.MEETS && r.reason() == null) {
            throw ApiException.unprocessable("override-reason-required", "Override reason required", what + " is '" + verdict.json()
                    + "'; accepting it against the verdict needs overrideReason: why the panel accepts it anyway").with("verdict", verdict.json());
        }
    }

    private long insert(long projectId, long phaseId, Long parcelId, DecisionRequest r, Object verdict) {
        if (r.reportId() != null && jdbc.sql("SELECT count(*) FROM report WHERE id = ? AND phase_id = ?").params(r.reportId(), phaseId)
                .query(Long.class).single() == 0) {
            throw ApiException.unprocessable("invalid-decision", "Invalid decision", "report " + r.reportId() + " is not a report of this phase");
        }
        String by = access.current() == null ? "system" : access.current().name();
        return jdbc.sql("INSERT INTO acceptance_decision (project_id, phase_id, parcel_id, decision, comment, decided_by, verdict, report_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?) RETURNING id")
                .params(projectId, phaseId, parcelId, r.decision(), r.comment().trim(), by, snapshot(verdict, r), r.reportId())
                .query(Long.class).single();
    }

    /** The verdict the decision was made on, with the override reason beside it when the panel went against it. */
    private String snapshot(Object verdict, DecisionRequest r) {
        ObjectNode json = mapper.valueToTree(verdict);
        if (r.reason() != null) {
            json.put("overrideReason", r.reason());
        }
        return mapper.writeValueAsString(json);
    }
}
