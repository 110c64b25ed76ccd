package com.goafwatch.fiber;

import java.util.Locale;
import java.util.Optional;

/** How a cable is laid: in a shallow horizontal trench along a mapped route, or down a grouted borehole. */
public enum Installation {
    TRENCH, BOREHOLE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Installation> parse(String text) {
        for (Installation i : values()) {
            if (i.dbValue().equals(text)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
