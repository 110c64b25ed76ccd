package com.goafwatch.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The Web Mercator tiles (z, x, y, slippy-map formula) covering the parcels of a database, for the tile benchmarks. */
public final class SlippyTiles {

    public record Tile(int z, int x, int y) {
    }

    private SlippyTiles() {
    }

    /** Every tile at zoom levels {@code minZoom}..{@code maxZoom} over the extent of all parcels (PostGIS, in WGS 84). */
    public static List<Tile> overParcels(Connection db, int minZoom, int maxZoom) throws Exception {
        double[] box = new double[4];
        try (ResultSet rs = db.createStatement().executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                + "(SELECT ST_Extent(ST_Transform(geom, 4326)) AS e FROM parcel) x")) {
            rs.next();
            for (int i = 0; i < 4; i++) {
                box[i] = rs.getDouble(i + 1);
            }
        }
        List<Tile> tiles = new ArrayList<>();
        for (int z = minZoom; z <= maxZoom; z++) {
            for (int x = tileX(box[0], z); x <= tileX(box[2], z); x++) {
                for (int y = tileY(box[3], z); y <= tileY(box[1], z); y++) {
                    tiles.add(new Tile(z, x, y));
                }
            }
        }
        return tiles;
    }

    /**
     * z/x/y of the tile holding a Gauss-Krüger (EPSG:4548) point: PostGIS gives the point's longitude and latitude, the
     * slippy-map formula the tile (independent of the service's ST_TileEnvelope).
     */
    public static int[] holding(org.springframework.jdbc.core.simple.JdbcClient jdbc, int z, double e, double n) {
        List<Double> lonLat = jdbc.sql("SELECT unnest(ARRAY[ST_X(p), ST_Y(p)]) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4548), 4326) p) q")
                .params(e, n).query(Double.class).list();
        return new int[] {z, tileX(lonLat.get(0), z), tileY(lonLat.get(1), z)};
    }

    static int tileX(double lon, int z) {
        return (int) Math.floor((lon + 180) / 360 * (1 << z));
    }

    static int tileY(double lat, int z) {
        double r = Math.toRadians(lat);
        return (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
    }
}
