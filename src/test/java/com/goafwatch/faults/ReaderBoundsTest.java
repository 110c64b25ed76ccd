package com.goafwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.HttpApi;
import com.goafwatch.support.RunningService;

/**
 * Every reader bounds what it holds, with small limits so each bound is cheap to reach: lines of 200 characters,
 * archives expanding to 1 MB, uploads of 2 MB. Each refusal is a 4xx problem naming the line or entry and the setting,
 * and stores nothing.
 */
class ReaderBoundsTest {

    private static RunningService app;
    private static HttpApi api;
    private static long project;
    private static final String LONG = "9".repeat(300);

    @BeforeAll
    static void start() throws IOException {
        app = RunningService.start(RunningService.sharedServers("--goafwatch.ingest.max-line-length=200",
                "--goafwatch.limits.max-uncompressed-size=1MB", "--goafwatch.limits.max-upload-size=2MB",
                "--goafwatch.spool.dir=" + java.nio.file.Files.createTempDirectory("goafwatch-bounds-spool")));
        api = app.api();
        project = new Fixtures(api).project(Fixtures.uniqueCode("BND"));
        new Fixtures(api).phase(project, 1);
        new Fixtures(api).trenchCable(project, "T-1", Fixtures.E0, Fixtures.N0, Fixtures.E0 + 300, Fixtures.N0, 400);
        assertThat(api.postJson("/api/v1/projects/" + project + "/sensors?crs=EPSG:4548", """
                {"type": "Feature", "properties": {"code": "SM-1", "type": "settlement-marker"},
                 "geometry": {"type": "Point", "coordinates": [454050, 3924050]}}""").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String t() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600).toString();
    }

    private static void refusedAsLineTooLong(HttpApi.Response r, int line) {
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat((String) r.json("$.type")).endsWith("/line-too-long");
        assertThat((Integer) r.json("$.line")).isEqualTo(line);
        assertThat((String) r.json("$.detail")).contains("longer than 200 characters").contains("goafwatch.ingest.max-line-length");
    }

    @Test
    void traceFilesRefuseALongLineOrALongQuotedField() {
        String traces = "/api/v1/projects/" + project + "/ingest/traces?cable=T-1";
        String header = "timestamp,distance_m,strain_ue,temperature_c\n";
        refusedAsLineTooLong(api.postBytes(traces, "text/csv", (header + t() + ",1,10,15\n" + t() + ",2," + LONG + ",15\n").getBytes()), 3);
        // line ends inside a quoted field do not end the line: the field is bounded too
        String quoted = "\"" + "x\n".repeat(150) + "\"";
        refusedAsLineTooLong(api.postBytes(traces, "text/csv", (header + t() + ",1," + quoted + ",15\n").getBytes()), 2);
        String odisi = "Test name:\tx\n-----\nx-axis\t\t1.0\t2.0\ntare\t\t0\t0\n" + t().replace('T', ' ').replace("Z", "")
                + "\tmeasurement\t1.5\t" + LONG + "\n";
        refusedAsLineTooLong(api.postBytes(traces + "&format=odisi", "text/tab-separated-values", odisi.getBytes()), 5);
        assertThat((Integer) api.get("/api/v1/ingest/status").json("$.pendingBatches")).as("nothing kept").isZero();
    }

    @Test
    void lineProtocolAndJsonReadingsNameTheBadRowWithoutEchoingIt() {
        long ms = Instant.now().minusSeconds(600).toEpochMilli();
        var lp = api.postBytes("/api/v1/projects/" + project + "/ingest/line-protocol?precision=ms", "text/plain",
                ("settlement,sensor=SM-1 settlement_mm=2.5 " + ms + "\nsettlement,sensor=SM-1 settlement_mm=" + LONG + " " + ms + "\n")
                        .getBytes());
        assertThat(lp.status()).as(lp.toString()).isEqualTo(422);
        assertThat((Integer) lp.json("$.errors[0].line")).isEqualTo(2);
        assertThat((String) lp.json("$.errors[0].reason")).contains("goafwatch.ingest.max-line-length").doesNotContain(LONG);

        String huge = "x".repeat(1_000_000);
        var readings = api.postJson("/api/v1/projects/" + project + "/ingest/readings", "{\"readings\": [{\"sensor\": \"SM-1\", \"time\": \""
                + t() + "\", \"settlementMm\": \"" + huge + "\"}]}");
        assertThat(readings.status()).as("status").isEqualTo(422);
        assertThat(readings.body().length()).as("the refusal does not echo the megabyte").isLessThan(2_000);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void archivesAreMeasuredBeforeTheyAreUnpacked() throws Exception {
        byte[] zeros = new byte[3 << 20];
        byte[] workbook = zip(Map.of("[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8), "xl/worksheets/sheet1.xml", zeros));
        assertThat(workbook.length).as("a small upload").isLessThan(100_000);
        var xlsx = api.postBytes("/api/v1/projects/" + project + "/boreholes/import",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook);
        assertThat(xlsx.status()).as(xlsx.toString()).isEqualTo(413);
        assertThat((String) xlsx.json("$.detail")).contains("xl/worksheets/sheet1.xml").contains("goafwatch.limits.max-uncompressed-size");

        byte[] shapefile = zip(Map.of("parcels.shp", zeros, "parcels.dbf", new byte[10]));
        var shp = api.postFile("/api/v1/projects/" + project + "/parcels/import-file", "parcels.zip", shapefile);
        assertThat(shp.status()).as(shp.toString()).isEqualTo(413);
        assertThat((String) shp.json("$.detail")).contains("parcels.shp").contains("goafwatch.limits.max-uncompressed-size");
    }

    @Test
    void aMultipartUploadOverTheLimitNamesTheLimit() {
        var r = api.postFile("/api/v1/projects/" + project + "/parcels/import-file", "big.gpkg", new byte[3 << 20]);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat((String) r.json("$.detail")).contains("limit of 2097152 bytes").doesNotContain("-1");
    }

    @Test
    void aLayerNameCannotBeAnOgr2ogrOption() {
        for (String layer : List.of("--version", "-sql", "--config")) {
            var r = api.postFile("/api/v1/projects/" + project + "/parcels/import-file?layer=" + layer, "site.gpkg", new byte[] {1, 2, 3});
            assertThat(r.status()).as(layer + ": " + r).isEqualTo(400);
            assertThat((String) r.json("$.detail")).contains("layer").doesNotContain("GDAL 3");
        }
    }
}
