package com.goafwatch.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The projected CRS a report's maps are drawn in, as PostGIS's {@code spatial_ref_sys} describes it (the project's
 * survey CRS; never a constant of the report), and the sentence every map carries about it: datum, projection, zone
 * width, central meridian and EPSG code.
 *
 * @param srid             EPSG code
 * @param name             the CRS's name in the EPSG database, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 117E"
 * @param datum            the datum's name there, e.g. "China_2000"
 * @param centralMeridian  longitude of the central meridian in degrees east, null when the WKT gives none
 * @param zoneWidthDegrees 3 or 6 for a Gauss-Krüger zone named so, else null
 */
record MapCrs(int srid, String name, String datum, Double centralMeridian, Integer zoneWidthDegrees) {

    private static final Pattern QUOTED = Pattern.compile("^\\s*PROJCS\\[\"([^\"]+)\"");
    private static final Pattern DATUM = Pattern.compile("DATUM\\[\"([^\"]+)\"");
    private static final Pattern MERIDIAN = Pattern.compile("PARAMETER\\[\"central_meridian\",\\s*(-?[0-9.]+)");
    private static final Pattern ZONE = Pattern.compile("(\\d)-degree Gauss-Kruger", Pattern.CASE_INSENSITIVE);

    /** From the OGC WKT of {@code spatial_ref_sys.srtext}. */
    static MapCrs fromWkt(int srid, String wkt) {
        String w = wkt == null ? "" : wkt;
        Matcher name = QUOTED.matcher(w);
        Matcher datum = DATUM.matcher(w);
        Matcher meridian = MERIDIAN.matcher(w);
        String n = name.find() ? name.group(1) : "EPSG:" + srid;
        Matcher zone = ZONE.matcher(n);
        return new MapCrs(srid, n, datum.find() ? datum.group(1) : null, meridian.find() ? Double.valueOf(meridian.group(1)) : null,
                zone.find() ? Integer.valueOf(zone.group(1)) : null);
    }

    /** True for the Chinese national datum (EPSG's "China_2000", i.e. CGCS2000). */
    boolean cgcs2000() {
        return datum != null && (datum.equals("China_2000") || datum.contains("CGCS2000") || name.startsWith("CGCS2000"));
    }

    /** The sentence stating the CRS and datum, in the report's language. */
    String statement(ReportText t) {
        String datumText = cgcs2000() ? t.get("crs.cgcs2000") : datum == null ? "?" : datum;
        if (zoneWidthDegrees == null || centralMeridian == null) {
            return t.format("crs.other", name, datumText, srid);
        }
        return String.format(Locale.ROOT, t.get("crs.gaussKruger"), datumText, zoneWidthDegrees, ReportText.number(centralMeridian), srid);
    }
}
