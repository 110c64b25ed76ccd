package com.goafwatch.treatment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.goafwatch.system.ApiException;

/** Errors of a batch by row; any error rejects the whole batch with a 422 listing them all. */
final class RowProblems {

    record RowError(long row, String code, List<String> reasons) {
    }

    private final List<RowError> errors = new ArrayList<>();

    void add(long row, String code, List<String> reasons) {
        if (!reasons.isEmpty()) {
            errors.add(new RowError(row, code, List.copyOf(reasons)));
        }
    }

    void throwIfAny(String what) {
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-rows", "Invalid " + what, errors.size() + " row(s) are invalid; nothing was stored")
                    .with("errors", errors.stream().map(e -> Map.of("row", e.row(), "code", e.code() == null ? "" : e.code(),
                            "reasons", e.reasons())).toList());
        }
    }
}
