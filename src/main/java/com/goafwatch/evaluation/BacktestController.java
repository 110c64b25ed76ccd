package com.goafwatch.evaluation;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;
import com.goafwatch.system.ApiException;
import com.goafwatch.threshold.RuleRepository;
import com.goafwatch.threshold.RuleRequest;
import com.goafwatch.threshold.RuleService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The backtest of a draft threshold rule, before it is saved. */
@Tag(name = "Threshold rules")
@RestController
class BacktestController {

    /**
     * @param rule   the draft, as for create or update (checked by the same validator: 422 with {@code errors})
     * @param ruleId the saved rule it would replace, or null for a new rule
     * @param days   how far back to replay (default 7)
     */
    record BacktestRequest(RuleRequest rule, Long ruleId, Integer days) {
    }

    private final RuleBacktest backtest;
    private final RuleService service;
    private final RuleRepository rules;
    private final ProjectRepository projects;
    /** the backtest ends "now": the application's {@link Clock} when there is one (tests), else the system's */
    private final Clock clock;

    BacktestController(RuleBacktest backtest, RuleService service, RuleRepository rules, ProjectRepository projects,
            ObjectProvider<Clock> clock) {
        this.backtest = backtest;
        this.service = service;
        this.rules = rules;
        this.projects = projects;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @Operation(summary = "Backtest a draft rule: the alerts it would have raised over the last days of stored history, by the "
            + "evaluator at the scheduler's interval; nothing is stored")
    @ProjectScoped(value = ScopeOwner.PROJECT, param = "projectId")
    @PostMapping("/api/v1/projects/{projectId}/rules/backtest")
    BacktestDocument backtest(@PathVariable long projectId, @RequestBody BacktestRequest request) {
        projects.require(projectId);
        if (request.rule() == null) {
            throw ApiException.unprocessable("invalid-backtest", "Backtest without a rule", "give the draft rule in 'rule'")
                    .with("errors", List.of(Map.of("field", "rule", "reason", "required")));
        }
        long id = 0;
        if (request.ruleId() != null) {
            id = rules.findById(request.ruleId()).filter(r -> r.projectId() == projectId)
                    .orElseThrow(() -> ApiException.unprocessable("invalid-backtest", "Backtest of an unknown rule",
                            "rule " + request.ruleId() + " is not in project " + projectId)
                            .with("errors", List.of(Map.of("field", "ruleId", "reason", "not a rule of this project"))))
                    .id();
        }
        return backtest.run(projectId, service.draft(projectId, id, request.rule()), request.days() == null ? 7 : request.days(),
                // whole seconds: cycle times the database stores exactly (alerts are compared with them)
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }
}
