package com.goafwatch.acceptance;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of a criterion, a parcel or a phase. */
public enum Verdict {
    MEETS("meets"), DOES_NOT_MEET("does_not_meet"), INSUFFICIENT_DATA("insufficient_data");

    private final String json;

    Verdict(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    /** Any failure fails; otherwise any gap leaves it open; only all-met meets. */
    public static Verdict combine(Iterable<Verdict> parts) {
        boolean gap = false;
        boolean any = false;
        for (Verdict v : parts) {
            any = true;
            if (v == DOES_NOT_MEET) {
                return DOES_NOT_MEET;
            }
            gap |= v == INSUFFICIENT_DATA;
        }
        return gap || !any ? INSUFFICIENT_DATA : MEETS;
    }
}
