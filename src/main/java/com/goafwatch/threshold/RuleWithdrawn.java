package com.goafwatch.threshold;

/**
 * Published inside the transaction that deletes a rule, disables it or changes what it measures: the
 * alerts it raised no longer have a rule to clear them, so they are closed with this reason.
 */
public record RuleWithdrawn(long ruleId, String ruleName, String reason) {
}
