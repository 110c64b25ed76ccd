package com.goafwatch.parcel;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/** Hand-made parcels with known answers for bbox filters (CRS84 and EPSG:4548), mu, filters and paging. */
class ParcelQueryTest extends IntegrationTest {

    private long projectId;
    private long phase1;
    private long phase2;

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("QRY"));
        phase1 = fixtures().phase(projectId, 1);
        phase2 = fixtures().phase(projectId, 2);
        var r = fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(
                feature("Q-A", 1, "Polygon", square(E0, N0, 100)),
                feature("Q-B", 1, "Polygon", square(E0 + 1000, N0, 100)).replace("\"landUse\"", "\"status\": \"treating\", \"landUse\""),
                feature("Q-C", 2, "Polygon", square(E0 + 2000, N0 + 2000, 200))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private List<String> codes(String query) {
        var r = api().get("/api/v1/parcels?project=" + projectId + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json("$.features[*].properties.code");
    }

    @Test
    void bboxInGaussKrugerMetres() {
        String crs = "&bbox-crs=EPSG:4548";
        assertThat(codes(bbox(E0 - 10, N0 - 10, E0 + 1150, N0 + 150) + crs)).containsExactly("Q-A", "Q-B");
        assertThat(codes(bbox(E0 + 1050, N0 + 50, E0 + 1060, N0 + 60) + crs)).containsExactly("Q-B");
        assertThat(codes(bbox(E0 + 500, N0 + 500, E0 + 600, N0 + 600) + crs)).isEmpty();
        assertThat(codes(bbox(E0 - 10, N0 - 10, E0 + 5000, N0 + 5000) + "&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4548"))
                .containsExactly("Q-A", "Q-B", "Q-C");
    }

    @Test
    void bboxInLongitudeLatitude() {
        List<Double> box = jdbc.sql("SELECT unnest(ARRAY[ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)]) FROM "
                + "(SELECT ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, 4548), 4326)::box2d AS b) x")
                .params(E0 + 20, N0 + 20, E0 + 80, N0 + 80).query(Double.class).list();
        assertThat(codes(bbox(box.get(0), box.get(1), box.get(2), box.get(3)))).containsExactly("Q-A");
        assertThat(codes(bbox(box.get(0), box.get(1), box.get(2), box.get(3)) + "&bbox-crs=EPSG:4490")).containsExactly("Q-A");
    }

    /** The web map's parcel list: the same parcels and properties, null geometry, and the paging links keep asking so. */
    @Test
    @SuppressWarnings("unchecked")
    void skipGeometryListsPropertiesOnly() {
        var r = api().get("/api/v1/parcels?project=" + projectId + "&skipGeometry=true&limit=2");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat((List<String>) r.json("$.features[*].properties.code")).containsExactly("Q-A", "Q-B");
        assertThat((List<Object>) r.json("$.features[*].geometry")).containsExactly(null, null);
        assertThat((Double) r.json("$.features[0].properties.areaMu")).isCloseTo(15.0, within(1e-4));
        String next = r.json("$.links[?(@.rel == 'next')].href").toString();
        assertThat(next).contains("skipGeometry=true");
        assertThat((List<Object>) api().get("/api/v1/parcels?project=" + projectId + "&limit=1").json("$.features[*].geometry.type"))
                .as("without the parameter, geometry as before").containsExactly("MultiPolygon");
    }

    @Test
    void areasAreInMuAndSquareMetres() {
        var r = api().get("/api/v1/parcels?project=" + projectId);
        List<Double> mu = r.json("$.features[*].properties.areaMu");
        List<Double> m2 = r.json("$.features[*].properties.areaM2");
        assertThat(mu.get(0)).isCloseTo(15.0, within(1e-4));
        assertThat(m2.get(0)).isCloseTo(10_000.0, within(0.01));
        assertThat(mu.get(2)).isCloseTo(60.0, within(1e-4));
        assertThat((String) r.json("$.features[0].geometry.type")).isEqualTo("MultiPolygon");
        double lon = ((Number) r.json("$.features[0].geometry.coordinates[0][0][0][0]")).doubleValue();
        assertThat(lon).isBetween(116.0, 117.0);
    }

    @Test
    void phaseAndStatusFiltersAndSummary() {
        assertThat(codes("&phase=" + phase1)).containsExactly("Q-A", "Q-B");
        assertThat(codes("&phase=" + phase2)).containsExactly("Q-C");
        assertThat(codes("&status=treating")).containsExactly("Q-B");
        assertThat(codes("&status=planned&phase=" + phase1)).containsExactly("Q-A");
        var summary = api().get("/api/v1/phases/" + phase1 + "/summary");
        assertThat((Integer) summary.json("$.parcelCount")).isEqualTo(2);
        assertThat(((Number) summary.json("$.totalMu")).doubleValue()).isCloseTo(30.0, within(1e-6));
        assertThat(((Number) summary.json("$.muByStatus.treating")).doubleValue()).isCloseTo(15.0, within(1e-6));
        var phases = api().get("/api/v1/projects/" + projectId + "/phases");
        assertThat((List<Integer>) phases.json("$[*].parcelCount")).containsExactly(2, 1);
    }

    @Test
    void pagingReportsMatchesAndLinks() {
        var first = api().get("/api/v1/parcels?project=" + projectId + "&limit=2");
        assertThat((Integer) first.json("$.numberMatched")).isEqualTo(3);
        assertThat((Integer) first.json("$.numberReturned")).isEqualTo(2);
        List<String> next = first.json("$.links[?(@.rel=='next')].href");
        assertThat(next).hasSize(1);
        var second = api().get(next.get(0).replaceFirst("^http://[^/]+", ""));
        assertThat((List<String>) second.json("$.features[*].properties.code")).containsExactly("Q-C");
        assertThat((List<String>) second.json("$.links[?(@.rel=='next')].href")).isEmpty();
        assertThat((List<String>) second.json("$.links[?(@.rel=='prev')].href")).hasSize(1);
        assertThat(api().get("/api/v1/parcels?limit=0").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/parcels?limit=501").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/parcels?offset=-1").status()).isEqualTo(400);
    }

    @Test
    void badBboxAndCrsAre400WithReason() {
        var three = api().get("/api/v1/parcels?bbox=1,2,3");
        assertThat(three.status()).isEqualTo(400);
        assertThat((String) three.json("$.detail")).contains("four comma-separated numbers");
        var inverted = api().get("/api/v1/parcels?bbox=117,36,116,35");
        assertThat((String) inverted.json("$.detail")).contains("above or right of its maximum corner");
        var wrongCrs = api().get("/api/v1/parcels?" + bbox(E0, N0, E0 + 10, N0 + 10).substring(1));
        assertThat(wrongCrs.status()).isEqualTo(400);
        assertThat((String) wrongCrs.json("$.detail")).contains("outside the range of EPSG:4326").contains("bbox-crs");
        var unknownCrs = api().get("/api/v1/parcels?bbox=1,2,3,4&bbox-crs=EPSG:3857");
        assertThat(unknownCrs.status()).isEqualTo(400);
        assertThat((String) unknownCrs.json("$.detail")).contains("EPSG:3857").contains("EPSG:4548");
        assertThat(api().get("/api/v1/parcels?status=finished").status()).isEqualTo(400);
    }

    @Test
    void singleParcelCrudAndStatusTransitions() {
        var created = api().postJson("/api/v1/phases/" + phase1 + "/parcels?crs=EPSG:4548",
                feature("S-1", 1, "Polygon", square(E0 + 3000, N0, 100)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = ((Number) created.json("$.id")).longValue();
        assertThat(created.header("Location")).endsWith("/api/v1/parcels/" + id);
        var got = api().get("/api/v1/parcels/" + id);
        assertThat(got.contentType()).startsWith("application/geo+json");
        assertThat((String) got.json("$.properties.code")).isEqualTo("S-1");
        assertThat((String) got.json("$.properties.status")).isEqualTo("planned");

        String toTreating = feature("S-1", 2, "Polygon", square(E0 + 3000, N0, 50)).replace("\"landUse\"", "\"status\": \"treating\", \"landUse\"");
        var moved = api().putJson("/api/v1/parcels/" + id + "?crs=EPSG:4548", toTreating);
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat((Integer) moved.json("$.properties.phase")).isEqualTo(2);
        assertThat(((Number) moved.json("$.properties.areaMu")).doubleValue()).isCloseTo(3.75, within(1e-4));

        String backToPlanned = feature("S-1", 2, "Polygon", square(E0 + 3000, N0, 50)).replace("\"landUse\"", "\"status\": \"planned\", \"landUse\"");
        var back = api().putJson("/api/v1/parcels/" + id + "?crs=EPSG:4548", backToPlanned);
        assertThat(back.status()).isEqualTo(409);
        assertThat((String) back.json("$.detail")).contains("from treating to planned");

        var duplicate = api().postJson("/api/v1/phases/" + phase1 + "/parcels?crs=EPSG:4548",
                feature("Q-A", 1, "Polygon", square(E0 + 4000, N0, 100)));
        assertThat(duplicate.status()).isEqualTo(409);
        var wrongPhase = api().postJson("/api/v1/phases/" + phase1 + "/parcels?crs=EPSG:4548",
                feature("S-2", 2, "Polygon", square(E0 + 4000, N0, 100)));
        assertThat(wrongPhase.status()).isEqualTo(422);

        assertThat(api().delete("/api/v1/parcels/" + id).status()).isEqualTo(204);
        var gone = api().get("/api/v1/parcels/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat((String) gone.json("$.detail")).isEqualTo("parcel " + id + " does not exist");
        assertThat(api().delete("/api/v1/parcels/" + id).status()).isEqualTo(404);
        assertThat(api().putJson("/api/v1/parcels/" + id, toTreating).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/parcels/not-a-number").status()).isEqualTo(400);
    }

    private static String bbox(double minX, double minY, double maxX, double maxY) {
        return String.format(Locale.ROOT, "&bbox=%.9f,%.9f,%.9f,%.9f", minX, minY, maxX, maxY);
    }
}
