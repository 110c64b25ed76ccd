package com.goafwatch.acceptance;

/**
 * One criterion for one parcel: the verdict, the measured value against its limit, and a sentence
 * saying where the number comes from.
 */
public record CriterionResult(String criterion, Verdict verdict, Double value, Double limit, String unit, String detail) {
}
