package com.goafwatch.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.goafwatch.support.TestPostgres;

/**
 * The demo's Java-side projection (proj4j, {@link GaussKruger}) against PostGIS's {@code ST_Transform}
 * (PROJ with the EPSG database), the one that transforms every stored geometry: they must agree to the
 * millimetre over the site and well beyond it.
 */
class GaussKrugerTest {

    private static String database;

    @org.junit.jupiter.api.BeforeAll
    static void postgis() throws Exception {
        database = TestPostgres.createDatabase("proj");
        try (Connection c = TestPostgres.connect(database)) {
            c.createStatement().execute("CREATE EXTENSION postgis");
        }
    }

    @Test
    void theCentralMeridianAtTheEquatorIsTheFalseOrigin() {
        double[] en = GaussKruger.toCm117(117.0, 0.0);
        assertThat(en[0]).isCloseTo(500_000.0, within(1e-6));
        assertThat(en[1]).isCloseTo(0.0, within(1e-6));
    }

    @ParameterizedTest(name = "{0} E, {1} N")
    @CsvSource({
            "116.5, 35.45", // the sample site
            "116.45, 35.40", "116.55, 35.50", "116.38, 35.52", // around it
            "117.0, 35.45", // on the central meridian
            "115.5, 36.9", "118.4, 34.4", // the edges of the 3° zone and of Shandong
            "116.5, 0.5", "117.2, 53.0"})
    void agreesWithPostgisToTheMillimetre(double lon, double lat) throws Exception {
        double[] java = GaussKruger.toCm117(lon, lat);
        try (Connection c = TestPostgres.connect(database);
                PreparedStatement s = c.prepareStatement(
                        "SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4490), 4548) AS g) t")) {
            s.setDouble(1, lon);
            s.setDouble(2, lat);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(java[0]).as("easting").isCloseTo(rs.getDouble(1), within(0.001));
                assertThat(java[1]).as("northing").isCloseTo(rs.getDouble(2), within(0.001));
            }
        }
    }
}
