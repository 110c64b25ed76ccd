package com.goafwatch.brillouin;

import java.util.Locale;

/** Plausibility of one shift value, with a message that names the likely unit mistake. */
public final class ShiftChecks {

    private ShiftChecks() {
    }

    /** @return why the value is implausible, or null */
    public static String implausible(String column, ShiftKind kind, double mhz, BrillouinProperties limits) {
        if (!Double.isFinite(mhz)) {
            return column + " is " + mhz + "; a missing reading must be left out, not sent as NaN";
        }
        if (kind == ShiftKind.ABSOLUTE && (mhz < limits.minAbsoluteShiftMhz() || mhz > limits.maxAbsoluteShiftMhz())) {
            String hint = mhz > 5 && mhz < 20 ? " (is it in GHz?)" : mhz > 5e9 ? " (is it in Hz?)" : mhz < 5 ? " (a relative change? name the column "
                    + column + "_change_mhz)" : "";
            return String.format(Locale.ROOT, "%s_mhz %s is not a Brillouin frequency shift: expected %s–%s MHz%s", column, mhz,
                    limits.minAbsoluteShiftMhz(), limits.maxAbsoluteShiftMhz(), hint);
        }
        if (kind == ShiftKind.RELATIVE && Math.abs(mhz) > limits.maxDeltaShiftMhz()) {
            return String.format(Locale.ROOT, "%s_change_mhz %s is implausible: |change| ≤ %s MHz%s", column, mhz, limits.maxDeltaShiftMhz(),
                    mhz > limits.minAbsoluteShiftMhz() ? " (an absolute shift? name the column " + column + "_mhz)" : "");
        }
        return null;
    }
}
