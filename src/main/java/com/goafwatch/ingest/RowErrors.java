package com.goafwatch.ingest;

import java.util.ArrayList;
import java.util.List;

import com.goafwatch.system.ApiException;

/** Bad rows of one request: every one counted, the first {@code limit} listed with line number and reason. */
public final class RowErrors {

    /** One bad row; {@code line} is 1-based in the uploaded text (or the index in a JSON array). */
    public record RowError(long line, String reason) {
    }

    static final int MAX_REASON = 300;

    private final int limit;
    private final List<RowError> listed = new ArrayList<>();
    private long count;

    public RowErrors(int limit) {
        this.limit = limit;
    }

    public void add(long line, String reason) {
        count++;
        if (listed.size() < limit) {
            // reasons quote the offending value: keep each short, whatever a hostile field held
            listed.add(new RowError(line, reason.length() <= MAX_REASON ? reason
                    : reason.substring(0, MAX_REASON) + "… (" + reason.length() + " characters)"));
        }
    }

    public long count() {
        return count;
    }

    public boolean any() {
        return count > 0;
    }

    /** The 422 problem naming the bad rows; the caller has discarded the batch. */
    public ApiException toProblem(String what) {
        return ApiException.unprocessable("invalid-rows", "Invalid " + what, count + " bad row(s); nothing of this " + what
                + " was stored").with("errorCount", count).with("errors", listed);
    }
}
