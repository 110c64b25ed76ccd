package com.goafwatch.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The parties named on a project's report covers and in the signature block. Any may be null (the cover then leaves
 * a line to fill in by hand). {@code reportNumberPrefix}: letters, digits and '-', at most 32; default the project code.
 */
public record ReportParties(String client, String designer, String contractor, String monitoringUnit, String reportNumberPrefix) {

    public static final ReportParties NONE = new ReportParties(null, null, null, null, null);

    /** Every field that is too long or malformed, named. */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        for (String[] f : new String[][] {{"client", client}, {"designer", designer}, {"contractor", contractor},
                {"monitoringUnit", monitoringUnit}}) {
            if (f[1] != null && f[1].length() > 200) {
                p.add(f[0] + " is longer than 200 characters");
            }
        }
        if (reportNumberPrefix != null && !reportNumberPrefix.matches("[A-Za-z0-9-]{1,32}")) {
            p.add("reportNumberPrefix must be 1–32 letters, digits or '-'");
        }
        return p;
    }
}
