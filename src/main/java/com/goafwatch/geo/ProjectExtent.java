package com.goafwatch.geo;

import java.util.List;
import java.util.Locale;

/**
 * Where a project's geometry may plausibly lie, as longitude/latitude degrees (CGCS2000 ≈ CRS84 at this scale). The
 * default is the EPSG area of use of Gauss-Krüger CM 117°E (EPSG:4548 and EPSG:4527 alike, from PROJ's database:
 * "China - 115.5°E to 118.5°E onshore", 22.6°N to 49.88°N), the zone every area in mu is measured in, whatever CRS the
 * site surveys in. A polygon across the antimeridian, or metres declared as degrees, falls outside it.
 */
public record ProjectExtent(double minLon, double minLat, double maxLon, double maxLat) {

    /** EPSG area of use of EPSG:4548 / EPSG:4527 (PROJ proj.db, table {@code extent}). */
    public static final ProjectExtent CM117_ZONE = new ProjectExtent(115.5, 22.6, 118.5, 49.88);

    public ProjectExtent {
        if (!(minLon >= -180 && maxLon <= 180 && minLon < maxLon && minLat >= -90 && maxLat <= 90 && minLat < maxLat)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "extent [%s, %s, %s, %s] must be [minLon, minLat, maxLon, "
                    + "maxLat] with -180 ≤ minLon < maxLon ≤ 180 and -90 ≤ minLat < maxLat ≤ 90", minLon, minLat, maxLon, maxLat));
        }
    }

    /** The default extent of a project surveying in {@code surveyCrs}. */
    public static ProjectExtent defaultFor(SupportedCrs surveyCrs) {
        return CM117_ZONE; // projected survey CRSs here are that zone; geographic ones are measured in it
    }

    /** @throws IllegalArgumentException unless exactly four finite numbers in order */
    public static ProjectExtent of(List<Double> values) {
        if (values == null || values.size() != 4 || values.stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
            throw new IllegalArgumentException("extent must be four numbers [minLon, minLat, maxLon, maxLat]");
        }
        return new ProjectExtent(values.get(0), values.get(1), values.get(2), values.get(3));
    }

    public List<Double> asList() {
        return List.of(minLon, minLat, maxLon, maxLat);
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s..%s°E, %s..%s°N", minLon, maxLon, minLat, maxLat);
    }
}
