package com.goafwatch.ogc;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.goafwatch.cql2.Cql2;
import com.goafwatch.cql2.Cql2Parser;
import com.goafwatch.cql2.Cql2SyntaxException;
import com.goafwatch.geo.BoundingBox;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.RequestTime;

/** Turns the query string of an {@code /items} request into an {@link ItemsQuery}, or a 400 naming the bad parameter. */
final class ItemsQueryParser {

    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> STANDARD = Set.of("bbox", "bbox-crs", "limit", "offset", "datetime", "crs", "f", "filter",
            "filter-lang", "filter-crs");

    private ItemsQueryParser() {
    }

    static ItemsQuery parse(OgcCollection collection, Map<String, String[]> params, int maxLimit) {
        for (Map.Entry<String, String[]> p : params.entrySet()) {
            if (p.getValue().length > 1) {
                throw bad("query parameter '" + p.getKey() + "' is given " + p.getValue().length + " times");
            }
            if (!STANDARD.contains(p.getKey()) && collection.filter(p.getKey()).isEmpty()) {
                throw bad("unknown query parameter '" + p.getKey() + "' for collection " + collection.id() + "; filters: "
                        + collection.properties().stream().filter(OgcProperty::filterable).map(OgcProperty::name).toList());
            }
        }
        String f = one(params, "f");
        if (f != null && !f.equals("json") && !f.equals("geojson")) {
            throw bad("f=" + f + " is not offered; this API speaks json (GeoJSON for features)");
        }
        OgcCrs crs = crs(params, "crs", OgcCrs.CRS84);
        List<BoundingBox> bbox = bbox(one(params, "bbox"), crs(params, "bbox-crs", OgcCrs.CRS84));
        int limit = (int) Math.min(number(params, "limit", DEFAULT_LIMIT, 1), maxLimit); // over the maximum: a full page, as Part 1 allows
        long offset = number(params, "offset", 0, 0);
        Instant[] interval = interval(one(params, "datetime"));
        Map<OgcProperty, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> p : params.entrySet()) {
            collection.filter(p.getKey()).ifPresent(prop -> filters.put(prop, value(prop, p.getValue()[0])));
        }
        return new ItemsQuery(crs, bbox, limit, offset, interval[0], interval[1], filters, filter(collection, params));
    }

    /** Part 3: {@code filter} in CQL2 text, literals in CRS84; a syntax error names its position, an unknown property itself. */
    private static Cql2.Expression filter(OgcCollection collection, Map<String, String[]> params) {
        String lang = one(params, "filter-lang");
        if (lang != null && !lang.equals("cql2-text")) {
            throw bad("filter-lang=" + lang + " is not offered; use cql2-text");
        }
        if (OgcCrs.parse(Objects.requireNonNullElse(one(params, "filter-crs"), "CRS84")).orElse(null) != OgcCrs.CRS84) {
            throw bad("filter-crs '" + one(params, "filter-crs") + "' is not offered; geometry literals are in CRS84 ("
                    + OgcCrs.CRS84.uri() + ")");
        }
        String text = one(params, "filter");
        if (text == null) {
            return null;
        }
        Cql2.Expression filter;
        try {
            filter = Cql2Parser.parse(text);
        } catch (Cql2SyntaxException e) {
            throw ApiException.badRequest("invalid-filter", "filter is not CQL2 text: " + e.getMessage()).with("position", e.position());
        }
        OgcFilterSql.check(collection, filter);
        return filter;
    }

    static OgcCrs crs(Map<String, String[]> params, String name, OgcCrs fallback) {
        String text = one(params, name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return OgcCrs.parse(text).orElseThrow(() -> bad(name + " '" + text + "' is not offered; use one of " + OgcCrs.uris()));
    }

    /**
     * One box, or two when a geographic box crosses the antimeridian (Part 1: minx greater than maxx runs east past
     * 180°). A 6-number box (with heights) is read in two dimensions, as the collections are.
     */
    private static List<BoundingBox> bbox(String text, OgcCrs crs) {
        if (text == null) {
            return null;
        }
        String[] v = text.split(",", -1);
        if (v.length == 6) {
            v = new String[] {v[0], v[1], v[3], v[4]};
        }
        // Part 2: the numbers follow the axis order of bbox-crs; BoundingBox wants x/y
        String[] xy = crs.northingFirst() && v.length == 4 ? new String[] {v[1], v[0], v[3], v[2]} : v;
        try {
            if (xy.length == 4 && crs.crs().isGeographic() && crossesAntimeridian(xy)) {
                return List.of(BoundingBox.parse(String.join(",", xy[0], xy[1], "180", xy[3]), crs.crs()),
                        BoundingBox.parse(String.join(",", "-180", xy[1], xy[2], xy[3]), crs.crs()));
            }
            return List.of(BoundingBox.parse(String.join(",", xy), crs.crs()));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage() + (crs.northingFirst() ? " (axis order of " + crs.uri() + ": northing/latitude first)" : ""));
        }
    }

    private static boolean crossesAntimeridian(String[] xy) {
        try {
            return Double.parseDouble(xy[0].trim()) > Double.parseDouble(xy[2].trim());
        } catch (NumberFormatException e) {
            return false; // BoundingBox names the bad number
        }
    }

    private static long number(Map<String, String[]> params, String name, long fallback, long min) {
        String text = one(params, name);
        if (text == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(text.trim());
            if (n < min) {
                throw bad(name + " must be at least " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(name + " must be an integer, got '" + text + "'");
        }
    }

    /** RFC 3339 instant or date, or an interval of them with {@code ..} or empty for an open end. */
    private static Instant[] interval(String text) {
        if (text == null) {
            return new Instant[2];
        }
        String[] ends = text.split("/", -1);
        if (ends.length > 2) {
            throw bad("datetime '" + text + "' must be an instant or start/end");
        }
        if (ends.length == 1) {
            Instant start = instant(ends[0], false);
            Instant end = ends[0].length() == 10 ? instant(ends[0], true) : start;
            return new Instant[] {start, end};
        }
        Instant start = open(ends[0]) ? null : instant(ends[0], false);
        Instant end = open(ends[1]) ? null : instant(ends[1], true);
        if (start == null && end == null) {
            throw bad("datetime '" + text + "' is open at both ends");
        }
        if (start != null && end != null && end.isBefore(start)) {
            throw bad("datetime '" + text + "' ends before it starts");
        }
        return new Instant[] {start, end};
    }

    private static boolean open(String end) {
        return end.isEmpty() || end.equals("..");
    }

    /** A date stands for the whole day (UTC): its start as a lower bound, its last instant as an upper one. */
    private static Instant instant(String text, boolean upper) {
        Instant t;
        try {
            if (text.length() == 10) {
                LocalDate d = LocalDate.parse(text);
                t = upper ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000)
                        : d.atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                t = OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeException e) {
            throw bad("datetime value '" + text + "' is not an RFC 3339 date-time (e.g. 2026-05-01T00:00:00Z) or date");
        }
        if (!RequestTime.accepts(t)) {
            throw bad(RequestTime.outOfRange("datetime value", text)).with("parameter", "datetime");
        }
        return t;
    }

    private static String value(OgcProperty property, String text) {
        if (property.type().equals("integer")) {
            try {
                Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw bad(property.name() + " must be an integer, got '" + text + "'");
            }
        }
        return text;
    }

    private static String one(Map<String, String[]> params, String name) {
        String[] v = params.get(name);
        return v == null ? null : v[0];
    }

    static ApiException bad(String detail) {
        return ApiException.badRequest("invalid-query-parameter", detail);
    }
}
