package com.goafwatch.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.goafwatch.support.IntegrationTest;

class SampleSiteTest extends IntegrationTest {

    @Autowired
    SampleSiteLoader loader;

    @Test
    void sampleSiteLoadsOnceWithThreePhasesOfAboutFiveThousandMu() {
        long id = loader.load(Path.of("gis-data/sample-site"));
        long again = loader.load(Path.of("gis-data/sample-site"));
        assertThat(again).isEqualTo(id);
        assertThat(jdbc.sql("SELECT count(*) FROM project WHERE code = 'RENCHENG-DEMO'").query(Long.class).single()).isEqualTo(1);

        var phases = api().get("/api/v1/projects/" + id + "/phases");
        assertThat((List<Integer>) phases.json("$[*].ordinal")).containsExactly(1, 2, 3);
        List<Integer> counts = phases.json("$[*].parcelCount");
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isBetween(10, 40);
        double phase1Mu = ((Number) phases.json("$[0].totalMu")).doubleValue();
        assertThat(phase1Mu).isCloseTo(1500, within(30.0));
        List<Double> totals = phases.json("$[*].totalMu");
        assertThat(totals.stream().mapToDouble(Double::doubleValue).sum()).isBetween(4900.0, 5200.0);

        var parcels = api().get("/api/v1/parcels?project=" + id + "&limit=100");
        assertThat((Integer) parcels.json("$.numberMatched")).isEqualTo(counts.stream().mapToInt(Integer::intValue).sum());
        List<String> types = parcels.json("$.features[*].geometry.type");
        assertThat(types).containsOnly("MultiPolygon");
        // north-west of Jining's centre, around 116.5E 35.45N
        List<Double> lons = parcels.json("$.features[*].geometry.coordinates[0][0][0][0]");
        List<Double> lats = parcels.json("$.features[*].geometry.coordinates[0][0][0][1]");
        assertThat(lons).allSatisfy(lon -> assertThat(lon).isBetween(116.47, 116.53));
        assertThat(lats).allSatisfy(lat -> assertThat(lat).isBetween(35.43, 35.47));
        // one parcel keeps a pond as a hole, one is split by a channel
        assertThat(jdbc.sql("SELECT count(*) FROM parcel WHERE project_id = ? AND ST_NumInteriorRings(ST_GeometryN(geom, 1)) > 0")
                .param(id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM parcel WHERE project_id = ? AND ST_NumGeometries(geom) > 1")
                .param(id).query(Long.class).single()).isEqualTo(1);

        // the nine strip panels of gis-data/sample-site/README.md: 7330 … 7346, 50 m wide (each about 2700 m long)
        var panels = api().get("/api/v1/projects/" + id + "/goaf-panels?crs=EPSG:4548");
        assertThat(panels.status()).as(panels.toString()).isEqualTo(200);
        assertThat((List<String>) panels.json("$.features[*].properties.name")).containsExactly(
                "7330", "7332", "7334", "7336", "7338", "7340", "7342", "7344", "7346");
        assertThat((List<Double>) panels.json("$.features[*].properties.depthM")).allSatisfy(d -> assertThat(d).isEqualTo(280.0));

        // fiber cables with calibrations, cut into parcel intervals; markers in their parcels
        var cables = api().get("/api/v1/projects/" + id + "/cables");
        assertThat((List<String>) cables.json("$.features[*].properties.code")).containsExactlyInAnyOrder(
                "F-L1", "F-L2", "F-C1", "F-C2", "F-C3", "BH-01", "BH-02", "BH-03");
        long fl1 = jdbc.sql("SELECT id FROM cable WHERE project_id = ? AND code = 'F-L1'").param(id).query(Long.class).single();
        var detail = api().get("/api/v1/cables/" + fl1);
        assertThat((List<Object>) detail.json("$.properties.calibration")).hasSize(4);
        List<String> crossed = detail.json("$.properties.intervals[*].parcelCode");
        assertThat(crossed).contains("RC-P1-01", "RC-P1-04", "RC-P1-07", "RC-P2-01", "RC-P2-04", "RC-P2-07")
                .doesNotContain("RC-P3-01").doesNotContainNull();
        assertThat(((Number) detail.json("$.properties.intervals[0].fiberFromM")).doubleValue()).isEqualTo(35.0);
        assertThat((Boolean) api().get("/api/v1/cables/" + fl1 + "/locate?distance=10").json("$.mapped")).isFalse();
        var sensors = api().get("/api/v1/projects/" + id + "/sensors");
        assertThat((List<Object>) sensors.json("$[*]")).hasSize(26);
        assertThat((List<Object>) sensors.json("$[?(@.parcelId == null)]")).isEmpty();
        // default rules from domain.md: class I limits and the 1.67 mm/d rate, in force for every parcel
        var rules = api().get("/api/v1/projects/" + id + "/rules");
        assertThat((List<String>) rules.json("$[*].metric")).contains("fiber_strain", "settlement_rate", "settlement", "tilt", "curvature");
        assertThat((List<Double>) rules.json("$[?(@.metric == 'settlement_rate')].controlValue")).containsExactly(1.67);
        long anyParcel = jdbc.sql("SELECT min(id) FROM parcel WHERE project_id = ?").param(id).query(Long.class).single();
        assertThat((List<Object>) api().get("/api/v1/parcels/" + anyParcel + "/effective-rules").json("$[*]")).hasSize(7);

        // phase 1's treatment records: directional grouting holes horizontal at the goaf, curtain and check holes, QA tests
        var holes = api().get("/api/v1/projects/" + id + "/boreholes");
        assertThat((List<Object>) holes.json("$.features[*]")).hasSize(99);
        assertThat((List<Object>) holes.json("$.features[?(@.properties.type == 'grouting')]")).hasSize(72);
        assertThat((List<Object>) holes.json("$.features[?(@.properties.parcel == null)]")).isEmpty();
        List<Double> tvd = holes.json("$.features[?(@.properties.type == 'grouting')].properties.verticalDepthM");
        assertThat(tvd).allSatisfy(d -> assertThat(d).isCloseTo(65.0, within(0.1)));
        long phase1 = jdbc.sql("SELECT id FROM phase WHERE project_id = ? AND ordinal = 1").param(id).query(Long.class).single();
        List<Boolean> passed = api().get("/api/v1/phases/" + phase1 + "/qa-tests").json("$[*].passed");
        assertThat(passed).hasSize(72).containsOnly(true, false);
        assertThat(passed.stream().filter(p -> !p).count()).as("the one weak core of parcel 7").isEqualTo(1);
    }
}
