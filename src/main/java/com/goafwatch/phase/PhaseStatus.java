package com.goafwatch.phase;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a phase stands in its remediation life. Stored lower-case. */
public enum PhaseStatus {
    PLANNED, TREATING, TESTING, MONITORING, ACCEPTED, REJECTED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PhaseStatus parse(String text) {
        return Arrays.stream(values()).filter(s -> s.dbValue().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("phase status '" + text + "' is not one of "
                        + Arrays.stream(values()).map(PhaseStatus::dbValue).collect(Collectors.joining(", "))));
    }
}
