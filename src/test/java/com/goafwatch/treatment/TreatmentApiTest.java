package com.goafwatch.treatment;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/** Boreholes and QA tests through the API: JSON, CSV and Excel registers, surveys, all-or-nothing refusals, judgements. */
@SuppressWarnings("unchecked")
class TreatmentApiTest extends IntegrationTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private long projectId;
    private long phaseId;

    @BeforeEach
    void site() {
        projectId = fixtures().project(Fixtures.uniqueCode("TRT"));
        phaseId = fixtures().phase(projectId, 1);
        assertThat(fixtures().importGeoJson(projectId, "?crs=EPSG:4548", collection(feature("T-A", 1, "Polygon", square(E0, N0, 100)),
                feature("T-B", 1, "Polygon", square(E0 + 100, N0, 100)))).status()).isEqualTo(200);
    }

    private String register(String... rows) {
        return "code,type,order,easting,northing,elevation_m,measured_depth_m,depth_to_goaf_m,drilled_from,drilled_to,grouted_on,"
                + "grout_take_m3,waste_share,grout_pressure_mpa,notes\n" + String.join("\n", rows) + "\n";
    }

    private String hole(String code, String type, double e, double n, double take) {
        return String.format(java.util.Locale.ROOT, "%s,%s,1,%.1f,%.1f,40.5,85,70,2020-03-01,2020-03-04,2020-03-10,%s,0.3,1.5,", code, type,
                e, n, type.equals("grouting") ? String.valueOf(take) : "");
    }

    @Test
    void aDirectionalHoleGetsItsPathTraceAndParcel() {
        var r = api().postJson("/api/v1/projects/" + projectId + "/boreholes?crs=EPSG:4548", String.format(java.util.Locale.ROOT, """
                {"code": "DH-1", "type": "grouting", "order": 1, "easting": %.1f, "northing": %.1f, "measuredDepthM": 150,
                 "depthToGoafM": 60, "groutTakeM3": 120.5, "wasteShare": 0.3, "groutPressureMpa": 2.0, "groutedOn": "2020-05-01",
                 "stations": [{"mdM": 50, "inclinationDeg": 0, "azimuthDeg": 90}, {"mdM": 128.54, "inclinationDeg": 90, "azimuthDeg": 90}]}""",
                E0 + 20, N0 + 50));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat((String) r.json("$.properties.parcel")).isEqualTo("T-A");
        assertThat((String) r.json("$.geometry.type")).isEqualTo("LineString");
        // vertical for its first 50 m: the trace forced to 2D started with the collar twice (a live audit found all 72 so)
        List<List<Number>> trace = r.json("$.geometry.coordinates");
        for (int i = 1; i < trace.size(); i++) {
            assertThat(trace.get(i)).as("vertex %d of %s", i, trace).isNotEqualTo(trace.get(i - 1));
        }
        // quarter circle of radius 50 m from 50 m to 128.54 m, then 21.46 m horizontal: 71.46 m east, 100 m deep
        assertThat(((Number) r.json("$.properties.horizontalDisplacementM")).doubleValue()).isCloseTo(71.46, within(0.05));
        assertThat(((Number) r.json("$.properties.verticalDepthM")).doubleValue()).isCloseTo(100.0, within(0.05));
        List<Number> end = r.json("$.properties.path3d[-1]");
        assertThat(end.get(0).doubleValue()).isCloseTo(E0 + 20 + 71.46, within(0.05));
        assertThat(end.get(2).doubleValue()).isCloseTo(-100.0, within(0.05));
        assertThat((List<Object>) r.json("$.properties.stations")).hasSize(2);

        var list = api().get("/api/v1/projects/" + projectId + "/boreholes?type=grouting");
        assertThat((List<String>) list.json("$.features[*].properties.code")).containsExactly("DH-1");

        // replaced as a vertical hole in T-B: the path, trace and parcel follow; a bad replacement changes nothing
        long id = ((Number) r.json("$.id")).longValue();
        var put = api().putJson("/api/v1/boreholes/" + id + "?crs=EPSG:4548", String.format(java.util.Locale.ROOT, """
                {"code": "DH-1", "type": "grouting", "easting": %.1f, "northing": %.1f, "measuredDepthM": 90, "groutTakeM3": 99}""",
                E0 + 150, N0 + 50));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat((String) put.json("$.properties.parcel")).isEqualTo("T-B");
        assertThat((String) put.json("$.geometry.type")).isEqualTo("Point");
        assertThat(((Number) put.json("$.properties.verticalDepthM")).doubleValue()).isCloseTo(90.0, within(1e-6));
        assertThat((List<Object>) put.json("$.properties.stations")).isEmpty();
        var bad = api().putJson("/api/v1/boreholes/" + id + "?crs=EPSG:4548", "{\"code\": \"DH-1\", \"type\": \"grouting\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("easting is missing", "measured depth m is missing");
        assertThat(((Number) api().get("/api/v1/boreholes/" + id).json("$.properties.groutTakeM3")).doubleValue()).isEqualTo(99.0);
        // the OGC collection serves the same traces to GIS clients and to the web map
        var ogc = api().get("/ogcapi/collections/boreholes/items?projectId=" + projectId);
        assertThat((List<String>) ogc.json("$.features[*].properties.code")).containsExactly("DH-1");
    }

    @Test
    void csvRegisterThenSurveyThenQa() {
        var r = api().postBytes("/api/v1/projects/" + projectId + "/boreholes/import?crs=EPSG:4548", "text/csv", register(
                hole("G-1", "grouting", E0 + 20, N0 + 20, 100), hole("G-2", "grouting", E0 + 45, N0 + 20, 120),
                hole("G-3", "grouting", E0 + 20, N0 + 45, 80), hole("G-4", "grouting", E0 + 45, N0 + 45, 100),
                hole("K-1", "check", E0 + 32, N0 + 32, 0), hole("G-9", "grouting", E0 + 150, N0 + 50, 90)).getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(((Number) r.json("$.boreholes")).intValue()).isEqualTo(6);
        assertThat(count("borehole WHERE project_id = " + projectId + " AND parcel_id IS NOT NULL")).isEqualTo(6);

        var survey = api().postBytes("/api/v1/projects/" + projectId + "/boreholes/import?kind=survey", "text/csv",
                "code,md_m,inclination_deg,azimuth_deg\nG-1,30,0,0\nG-1,60,30,0\nG-1,85,30,0\n".getBytes());
        assertThat(survey.status()).as(survey.toString()).isEqualTo(200);
        long g1 = jdbc.sql("SELECT id FROM borehole WHERE project_id = ? AND code = 'G-1'").param(projectId).query(Long.class).single();
        var one = api().get("/api/v1/boreholes/" + g1);
        assertThat((List<Object>) one.json("$.properties.stations")).hasSize(3);
        assertThat(((Number) one.json("$.properties.horizontalDisplacementM")).doubleValue()).isGreaterThan(15);

        var qa = api().postBytes("/api/v1/projects/" + projectId + "/qa-tests/import", "text/csv", """
                code,type,borehole,parcel,tested_on,fluid_loss,reinjection_m3,core_strength_mpa,wave_velocity_ms,defect_found,notes
                QA-1,check_hole,K-1,,2020-09-01,minor,12.0,,,,
                QA-2,core_strength,K-1,,2020-09-02,,,11.5,,,
                QA-3,core_strength,K-1,,2020-09-02,,,7.9,,,
                QA-4,borehole_tv,K-1,,2020-09-03,,,,,no,grout stone continuous
                QA-5,wave_velocity,,T-B,2020-09-04,,,,2600,,
                """.getBytes());
        assertThat(qa.status()).as(qa.toString()).isEqualTo(200);
        var judged = api().get("/api/v1/phases/" + phaseId + "/qa-tests");
        List<Map<String, Object>> tests = judged.json("$");
        Map<String, Object> check = tests.stream().filter(t -> t.get("code").equals("QA-1")).findFirst().orElseThrow();
        // mean take of the four nearest grouting holes: (100 + 120 + 80 + 100) / 4 = 100 m³; 12 % ≤ 15 %
        assertThat(((Number) check.get("neighbourMeanTakeM3")).doubleValue()).isCloseTo(100.0, within(1e-9));
        assertThat(check.get("passed")).isEqualTo(true);
        assertThat(tests.stream().filter(t -> t.get("code").equals("QA-3")).findFirst().orElseThrow().get("passed")).isEqualTo(false);
        assertThat(tests.stream().filter(t -> t.get("code").equals("QA-5")).findFirst().orElseThrow().get("parcel")).isEqualTo("T-B");

        // single-test CRUD: re-testing the weak core gives 9.4 MPa, which passes
        long q3 = ((Number) tests.stream().filter(t -> t.get("code").equals("QA-3")).findFirst().orElseThrow().get("id")).longValue();
        var put = api().putJson("/api/v1/qa-tests/" + q3, """
                {"code": "QA-3", "type": "core_strength", "borehole": "K-1", "testedOn": "2020-09-20", "coreStrengthMpa": 9.4,
                 "notes": "re-cored"}""");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(((Number) put.json("$.coreStrengthMpa")).doubleValue()).isEqualTo(9.4);
        assertThat((List<Boolean>) api().get("/api/v1/phases/" + phaseId + "/qa-tests").json("$[?(@.code == 'QA-3')].passed"))
                .containsExactly(true);
        assertThat(api().putJson("/api/v1/qa-tests/" + q3, "{\"code\": \"QA-3\", \"type\": \"core_strength\", \"borehole\": \"K-1\"}")
                .status()).isEqualTo(422);
        assertThat(api().get("/api/v1/qa-tests/" + q3).status()).isEqualTo(200);
        assertThat(api().delete("/api/v1/qa-tests/" + q3).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/qa-tests/" + q3).status()).isEqualTo(404);
    }

    @Test
    void excelRegisterWithRealDateCells() throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet("holes");
            String[] header = {"Code", "Type", "Order", "Easting", "Northing", "Measured depth m", "Grout take m3", "Grouted on"};
            var h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            var dateStyle = book.createCellStyle();
            dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue("X-1");
            row.createCell(1).setCellValue("grouting");
            row.createCell(2).setCellValue(2);
            row.createCell(3).setCellValue(E0 + 60);
            row.createCell(4).setCellValue(N0 + 60);
            row.createCell(5).setCellValue(90);
            row.createCell(6).setCellValue(75.25);
            var date = row.createCell(7);
            date.setCellValue(java.time.LocalDate.of(2020, 6, 15));
            date.setCellStyle(dateStyle);
            book.write(out);
            var r = api().postBytes("/api/v1/projects/" + projectId + "/boreholes/import?crs=EPSG:4548", XLSX, out.toByteArray());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        // the same register as a browser form upload
        var form = api().postFile("/api/v1/projects/" + projectId + "/boreholes/import?crs=EPSG:4548", "register.csv",
                register(hole("F-1", "grouting", E0 + 70, N0 + 70, 60)).getBytes());
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        var list = api().get("/api/v1/projects/" + projectId + "/boreholes?type=grouting");
        assertThat((List<String>) list.json("$.features[*].properties.code")).containsExactly("F-1", "X-1");
        assertThat((List<String>) list.json("$.features[?(@.properties.code == 'X-1')].properties.groutedOn")).containsExactly("2020-06-15");
        assertThat((List<Double>) list.json("$.features[?(@.properties.code == 'X-1')].properties.groutTakeM3")).containsExactly(75.25);
        assertThat((List<Integer>) list.json("$.features[?(@.properties.code == 'X-1')].properties.order")).containsExactly(2);
    }

    @Test
    void aBadRowRejectsTheWholeFileNamingEveryProblem() {
        long before = count("borehole");
        var r = api().postBytes("/api/v1/projects/" + projectId + "/boreholes/import?crs=EPSG:4548", "text/csv", register(
                hole("G-1", "grouting", E0 + 20, N0 + 20, 100),
                "G-2,drilling,4,454020,3924020,40,85,90,2020-03-05,2020-03-01,,,-0.5,,",
                hole("G-1", "grouting", E0 + 30, N0 + 20, 100),
                hole("G-5", "grouting", 116.5, 35.4, 100)).getBytes());
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<Map<String, Object>> errors = r.json("$.errors");
        assertThat(errors).extracting(e -> ((Number) e.get("row")).intValue()).containsExactly(3, 4, 5);
        String row3 = String.join(" ", (List<String>) errors.get(0).get("reasons"));
        assertThat(row3).contains("type 'drilling'", "order 4", "drilled to is before drilled from", "depth to goaf is below",
                "waste share -0.5");
        assertThat(String.join(" ", (List<String>) errors.get(1).get("reasons"))).contains("appears twice");
        assertThat(String.join(" ", (List<String>) errors.get(2).get("reasons"))).contains("outside EPSG:4548");
        assertThat(count("borehole")).isEqualTo(before);

        var broken = api().postBytes("/api/v1/projects/" + projectId + "/boreholes/import", "text/csv", "code,type\n\"G-1,grouting\n".getBytes());
        assertThat(broken.status()).isEqualTo(400);
        var qaBad = api().postBytes("/api/v1/projects/" + projectId + "/qa-tests/import", "text/csv",
                "code,type,parcel,tested_on,core_strength_mpa\nQ-1,core_strength,T-A,2020-01-01,\nQ-2,core_strength,NOPE,2020-13-01,5\n".getBytes());
        assertThat(qaBad.status()).isEqualTo(422);
        List<Map<String, Object>> qaErrors = qaBad.json("$.errors");
        assertThat(qaErrors).extracting(e -> ((Number) e.get("row")).intValue()).containsExactly(2, 3);
        assertThat(String.join(" ", (List<String>) qaErrors.get(1).get("reasons"))).contains("no parcel 'NOPE'", "not a date");
        assertThat(count("qa_test WHERE project_id = " + projectId)).isZero();
        var survey = api().postBytes("/api/v1/projects/" + projectId + "/boreholes/import?kind=survey", "text/csv",
                "code,md_m,inclination_deg,azimuth_deg\nNOPE,10,0,0\n".getBytes());
        assertThat(survey.status()).isEqualTo(422);
    }

    @Test
    void createTwiceConflictsUnlessUpserted() {
        byte[] file = register(hole("U-1", "grouting", E0 + 20, N0 + 20, 100)).getBytes();
        assertThat(api().postBytes("/api/v1/projects/" + projectId + "/boreholes/import?crs=EPSG:4548", "text/csv", file).status()).isEqualTo(200);
        assertThat(api().postBytes("/api/v1/projects/" + projectId + "/boreholes/import?crs=EPSG:4548", "text/csv", file).status()).isEqualTo(422);
        byte[] changed = register(hole("U-1", "grouting", E0 + 20, N0 + 20, 140)).getBytes();
        assertThat(api().postBytes("/api/v1/projects/" + projectId + "/boreholes/import?crs=EPSG:4548&mode=upsert", "text/csv", changed)
                .status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT grout_take_m3 FROM borehole WHERE project_id = ? AND code = 'U-1'").param(projectId).query(Double.class)
                .single()).isEqualTo(140.0);
        long id = jdbc.sql("SELECT id FROM borehole WHERE project_id = ? AND code = 'U-1'").param(projectId).query(Long.class).single();
        assertThat(api().delete("/api/v1/boreholes/" + id).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/boreholes/" + id).status()).isEqualTo(404);
    }
}
