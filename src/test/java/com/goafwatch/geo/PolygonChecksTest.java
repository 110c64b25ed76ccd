package com.goafwatch.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.io.WKTReader;

/** Table test: input WKT, declared CRS, expected problem (empty = storable). */
class PolygonChecksTest {

    @ParameterizedTest(name = "{0} in EPSG:{1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            POLYGON((454000 3924000, 454100 3924000, 454100 3924100, 454000 3924100, 454000 3924000)) | 4548 | OK
            MULTIPOLYGON(((116.5 35.4, 116.6 35.4, 116.6 35.5, 116.5 35.4)))                           | 4490 | OK
            POLYGON((454000 3924000, 454100 3924100, 454100 3924000, 454000 3924100, 454000 3924000)) | 4548 | self-intersection at (454050.0 3924050.0)
            POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 21 20, 21 21, 20 20))                        | 4326 | hole lies outside shell at (20.0 20.0)
            POLYGON EMPTY                                                                               | 4326 | geometry is empty
            POINT(116.5 35.4)                                                                           | 4326 | wrong geometry type Point
            LINESTRING(116.5 35.4, 116.6 35.5)                                                          | 4490 | wrong geometry type LineString
            POLYGON((454000 3924000, 454100 3924000, 454100 3924100, 454000 3924000))                   | 4326 | coordinate outside the range of EPSG:4326
            POLYGON((454000 3924000, 454100 3924000, 454100 3924100, 454000 3924000))                   | 4527 | coordinate outside the range of EPSG:4527
            POLYGON((39454000 3924000, 39454100 3924000, 39454100 3924100, 39454000 3924000))           | 4527 | OK
            POLYGON((116.5 35.4, 116.6 35.4, 116.6 35.5, 116.5 35.4))                                   | 4548 | coordinate outside the range of EPSG:4548
            """)
    void check(String wkt, int srid, String expected) throws Exception {
        Optional<GeometryProblem> problem = PolygonChecks.check(new WKTReader().read(wkt), SupportedCrs.bySrid(srid).orElseThrow());
        if (expected == null) {
            assertThat(problem).isEmpty();
        } else {
            assertThat(problem).isPresent();
            assertThat(problem.get().describe()).startsWith(expected);
        }
    }
}
