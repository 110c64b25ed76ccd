package com.goafwatch.threshold;

import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.system.ApiException;

/** Validated rule writes; scope ids must belong to the rule's project. */
@Service
public class RuleService {

    private final RuleRepository rules;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final RuleCadence cadence;

    RuleService(RuleRepository rules, JdbcClient jdbc, ApplicationEventPublisher events, RuleCadence cadence) {
        this.rules = rules;
        this.jdbc = jdbc;
        this.events = events;
        this.cadence = cadence;
    }

    @Transactional
    public long create(long projectId, RuleRequest request) {
        return rules.insert(projectId, checked(projectId, request));
    }

    @Transactional
    public void update(long id, RuleRequest request) {
        ThresholdRule current = rules.findById(id).orElseThrow(() -> ApiException.notFound("rule", id));
        RuleRequest r = checked(current.projectId(), request);
        boolean sameMeaning = r.enabled() && r.metric().equals(current.metric().dbValue()) && r.statistic().equals(current.statistic().dbValue())
                && Objects.equals(r.phaseId(), current.phaseId()) && Objects.equals(r.parcelId(), current.parcelId());
        if (!sameMeaning && current.enabled()) {
            events.publishEvent(new RuleWithdrawn(id, current.name(), "rule changed: disabled, re-scoped or measuring something else"));
        }
        // enabled again (or changed while enabled): watched afresh from now, so it awaits its first reading again
        rules.update(id, r, !(sameMeaning && current.enabled()));
    }

    /** Deletes a rule; its open alerts are closed first, in the same transaction. */
    @Transactional
    public void delete(long id) {
        ThresholdRule current = rules.findById(id).orElseThrow(() -> ApiException.notFound("rule", id));
        events.publishEvent(new RuleWithdrawn(id, current.name(), "rule deleted"));
        rules.delete(id);
    }

    /**
     * A rule as it would be saved, checked by the same validator and scope checks as a save, but not stored:
     * for a backtest. {@code id}: the rule it would replace, or 0 for a new one (stored ids start at 1).
     */
    public ThresholdRule draft(long projectId, long id, RuleRequest request) {
        RuleRequest r = checked(projectId, request);
        return new ThresholdRule(id, projectId, r.phaseId(), r.parcelId(), r.name(), Metric.parse(r.metric()).orElseThrow(),
                Statistic.parse(r.statistic()).orElseThrow(), r.statisticParameter(), r.windowSeconds(), r.unit(), r.levelMode(),
                r.controlValue(), r.blue(), r.yellow(), r.orange(), r.red(), r.hysteresisFraction(), r.pendingEvaluations(),
                r.pendingSeconds(), r.noDataAfterSeconds(), r.spikeFilter(), r.enabled(), r.description());
    }

    private RuleRequest checked(long projectId, RuleRequest request) {
        RuleValidator.Result result = RuleValidator.validate(request);
        if (!result.errors().isEmpty()) {
            throw ApiException.unprocessable("invalid-rule", "Invalid rule", result.errors().size() + " problem(s) with the rule; nothing was saved")
                    .with("errors", result.errors());
        }
        RuleRequest r = result.normalized();
        if (r.phaseId() != null && !belongs("phase", r.phaseId(), projectId)) {
            throw ApiException.unprocessable("invalid-rule", "Invalid rule", "phase " + r.phaseId() + " is not in project " + projectId);
        }
        if (r.parcelId() != null && !belongs("parcel", r.parcelId(), projectId)) {
            throw ApiException.unprocessable("invalid-rule", "Invalid rule", "parcel " + r.parcelId() + " is not in project " + projectId);
        }
        cadence.check(projectId, r);
        return r;
    }

    private boolean belongs(String table, long id, long projectId) {
        // table is one of two literals above, never client input
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE id = ? AND project_id = ?").params(id, projectId)
                .query(Long.class).single() == 1;
    }
}
