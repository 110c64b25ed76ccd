package com.goafwatch.levelling;

import java.util.ArrayList;
import java.util.List;

import com.goafwatch.system.ApiException;

/** Problems found in a raw levelling file: every one counted, the first {@code limit} listed with their line. */
final class RawFileErrors {

    record Error(long line, String reason) {
    }

    private final int limit;
    private final List<Error> listed = new ArrayList<>();
    private long count;

    RawFileErrors(int limit) {
        this.limit = limit;
    }

    void add(long line, String reason) {
        count++;
        if (listed.size() < limit) {
            listed.add(new Error(line, reason));
        }
    }

    List<Error> listed() {
        return listed;
    }

    boolean any() {
        return count > 0;
    }

    ApiException toProblem() {
        return ApiException.unprocessable("invalid-levelling-file", "Invalid levelling file", count
                + " problem(s) in the raw file; nothing of this run was stored").with("errorCount", count).with("errors", listed);
    }
}
