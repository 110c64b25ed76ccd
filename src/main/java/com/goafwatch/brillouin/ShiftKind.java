package com.goafwatch.brillouin;

import java.util.Locale;

/**
 * What a shift column holds. {@code ABSOLUTE}: the Brillouin frequency shift ν_B itself, about 10.8 GHz for
 * standard single-mode fiber at 1550 nm (CSV column {@code shift_mhz}); {@code RELATIVE}: the change the
 * interrogator already computed against its own reference (column {@code shift_change_mhz}).
 */
public enum ShiftKind {
    ABSOLUTE, RELATIVE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ShiftKind parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
