package com.goafwatch.acceptance;

import java.util.List;

/**
 * One criterion for one parcel: the verdict, the measured value against its limit, and a sentence
 * saying where the number comes from — in English ({@code detail}) and as a message key with its
 * arguments, so a report can say it in the reader's language.
 */
public record CriterionResult(String criterion, Verdict verdict, Double value, Double limit, String unit, String detail, String message,
        List<Object> args) {
}
