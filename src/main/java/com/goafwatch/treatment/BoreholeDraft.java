package com.goafwatch.treatment;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/** A borehole as submitted: collar in the request's CRS, survey stations, treatment figures; validated. */
record BoreholeDraft(String code, String type, Integer order, double x, double y, Double elevationM, double measuredDepthM,
        Double depthToGoafM, LocalDate drilledFrom, LocalDate drilledTo, LocalDate groutedOn, Double groutTakeM3, Double wasteShare,
        Double groutPressureMpa, String parcelCode, String notes, List<SurveyStation> stations) {

    static final List<String> TYPES = List.of("grouting", "check", "curtain", "monitoring");
    static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    /** Reads the record's fields; the errors are left in {@code f}. Stations may be added by a survey file. */
    static BoreholeDraft read(Fields f, List<SurveyStation> stations) {
        String code = f.text("code", true);
        f.check(code == null || CODE.matcher(code).matches(), "code '" + code + "' must be 1-64 letters, digits, '.', '_' or '-'");
        String type = f.oneOf("type", true, TYPES);
        Double order = f.number("order", false, 1, 3);
        Double x = f.number("easting", true, -1e9, 1e9);
        Double y = f.number("northing", true, -1e9, 1e9);
        Double md = f.number("measured depth m", true, 0.1, 2000);
        Double goaf = f.number("depth to goaf m", false, 0.1, 2000);
        LocalDate from = f.date("drilled from");
        LocalDate to = f.date("drilled to");
        f.check(from == null || to == null || !to.isBefore(from), "drilled to is before drilled from");
        f.check(md == null || goaf == null || goaf <= md, "depth to goaf is below the hole's measured depth");
        f.check(order == null || order == Math.rint(order), "order must be 1, 2 or 3");
        Double take = f.number("grout take m3", false, 0, 1e6);
        Double share = f.number("waste share", false, 0, 1);
        Double pressure = f.number("grout pressure MPa", false, 0, 50);
        f.check(!"grouting".equals(type) || take != null, "a grouting hole needs its grout take (m3)");
        return new BoreholeDraft(code, type, order == null ? null : order.intValue(), x == null ? 0 : x, y == null ? 0 : y,
                f.number("elevation m", false, -500, 9000), md == null ? 0 : md, goaf, from, to, f.date("grouted on"), take, share,
                pressure, f.text("parcel", false), f.text("notes", false), stations);
    }
}
