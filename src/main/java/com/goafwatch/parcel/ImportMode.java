package com.goafwatch.parcel;

import java.util.Locale;

/**
 * How an import treats codes that already exist in the project: {@code create} refuses them (the
 * default, so nothing is overwritten by accident), {@code upsert} replaces those parcels.
 */
public enum ImportMode {
    CREATE, UPSERT;

    public static ImportMode parse(String text) {
        if (text == null || text.isBlank()) {
            return CREATE;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "create" -> CREATE;
            case "upsert" -> UPSERT;
            default -> throw new IllegalArgumentException("mode '" + text + "' must be create or upsert");
        };
    }
}
