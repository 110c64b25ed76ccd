package com.goafwatch.parcel;

import static com.goafwatch.support.Fixtures.E0;
import static com.goafwatch.support.Fixtures.N0;
import static com.goafwatch.support.Fixtures.collection;
import static com.goafwatch.support.Fixtures.feature;
import static com.goafwatch.support.Fixtures.square;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.goafwatch.support.Fixtures;
import com.goafwatch.support.IntegrationTest;

/** Real shapefiles and GeoPackages, written by GDAL's ogr2ogr in the test, imported through the API. */
class ParcelFileImportTest extends IntegrationTest {

    @TempDir
    Path dir;
    private long projectId;

    @BeforeEach
    void project() {
        projectId = fixtures().project(Fixtures.uniqueCode("FILE"));
        fixtures().phase(projectId, 1);
    }

    private long parcels() {
        return jdbc.sql("SELECT count(*) FROM parcel WHERE project_id = ?").param(projectId).query(Long.class).single();
    }

    private Path geoJsonIn4548(String... features) throws IOException {
        Path src = dir.resolve("src.geojson");
        Files.writeString(src, collection(features));
        return src;
    }

    private static void ogr2ogr(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private byte[] zipOf(Path folder, String baseName, boolean withPrj) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); var files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(baseName + ".")).toList()) {
                if (!withPrj && f.toString().endsWith(".prj")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry("parcels/" + f.getFileName()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void zippedShapefileInGaussKrugerIsImported() throws Exception {
        Path src = geoJsonIn4548(feature("SHP-1", 1, "Polygon", square(E0, N0, 100)), feature("SHP-2", 1, "Polygon", square(E0 + 200, N0, 200)));
        Path shpDir = Files.createDirectory(dir.resolve("shp"));
        ogr2ogr("-f", "ESRI Shapefile", "-s_srs", "EPSG:4548", "-a_srs", "EPSG:4548", shpDir.resolve("parcels.shp").toString(), src.toString());
        var r = api().postFile("/api/v1/projects/" + projectId + "/parcels/import-file", "parcels.zip", zipOf(shpDir, "parcels", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat((Integer) r.json("$.created")).isEqualTo(2);
        double mu = jdbc.sql("SELECT area_mu FROM parcel WHERE project_id = ? AND code = 'SHP-2'").param(projectId).query(Double.class).single();
        assertThat(mu).isCloseTo(60.0, within(1e-3));
    }

    @Test
    void shapefileWithoutPrjNeedsTheCrsParameter() throws Exception {
        Path src = geoJsonIn4548(feature("NOPRJ-1", 1, "Polygon", square(E0, N0, 100)));
        Path shpDir = Files.createDirectory(dir.resolve("noprj"));
        ogr2ogr("-f", "ESRI Shapefile", shpDir.resolve("parcels.shp").toString(), src.toString());
        byte[] zip = zipOf(shpDir, "parcels", false);
        var refused = api().postFile("/api/v1/projects/" + projectId + "/parcels/import-file", "parcels.zip", zip);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat((String) refused.json("$.detail")).contains("declares no CRS").contains("crs=");
        assertThat(parcels()).isZero();
        var accepted = api().postFile("/api/v1/projects/" + projectId + "/parcels/import-file?crs=EPSG:4548", "parcels.zip", zip);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        double mu = jdbc.sql("SELECT area_mu FROM parcel WHERE project_id = ?").param(projectId).query(Double.class).single();
        assertThat(mu).isCloseTo(15.0, within(1e-3));
    }

    @Test
    void geoPackageLayerIsImportedAndBadFeaturesRejectTheFile() throws Exception {
        Path src = geoJsonIn4548(feature("GPKG-1", 1, "Polygon", square(E0, N0, 100)));
        Path gpkg = dir.resolve("parcels.gpkg");
        ogr2ogr("-f", "GPKG", "-s_srs", "EPSG:4548", "-a_srs", "EPSG:4548", "-nln", "parcels", gpkg.toString(), src.toString());
        var r = api().postFile("/api/v1/projects/" + projectId + "/parcels/import-file?layer=parcels", "site.gpkg", Files.readAllBytes(gpkg));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(parcels()).isEqualTo(1);

        Path bad = geoJsonIn4548(feature("GPKG-2", 1, "Polygon", square(E0 + 500, N0, 10)), feature("GPKG-3", 9, "Polygon", square(E0 + 700, N0, 10)));
        Path badGpkg = dir.resolve("bad.gpkg");
        ogr2ogr("-f", "GPKG", "-a_srs", "EPSG:4548", "-nln", "parcels", badGpkg.toString(), bad.toString());
        var refused = api().postFile("/api/v1/projects/" + projectId + "/parcels/import-file", "bad.gpkg", Files.readAllBytes(badGpkg));
        assertThat(refused.status()).isEqualTo(422);
        assertThat((List<String>) refused.json("$.errors[*].reason")).anySatisfy(s -> assertThat(s).contains("unknown phase 9"));
        assertThat(parcels()).isEqualTo(1);
    }

    @Test
    void unreadableUploadsAreProblems() throws Exception {
        var notZip = api().postFile("/api/v1/projects/" + projectId + "/parcels/import-file", "x.zip", "not a zip".getBytes());
        assertThat(notZip.status()).isBetween(400, 422);
        assertThat(notZip.contentType()).startsWith("application/problem+json");
        var wrongType = api().postFile("/api/v1/projects/" + projectId + "/parcels/import-file", "x.kml", "<kml/>".getBytes());
        assertThat(wrongType.status()).isEqualTo(415);
        var garbageGpkg = api().postFile("/api/v1/projects/" + projectId + "/parcels/import-file", "x.gpkg", new byte[] {1, 2, 3});
        assertThat(garbageGpkg.status()).isEqualTo(422);
        assertThat((String) garbageGpkg.json("$.detail")).contains("GDAL could not read the file");
        var tooBig = api().postFile("/api/v1/projects/" + projectId + "/parcels/import-file", "big.gpkg", new byte[1_100_000]);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(parcels()).isZero();
    }
}
