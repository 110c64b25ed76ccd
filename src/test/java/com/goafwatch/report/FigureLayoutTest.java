package com.goafwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.goafwatch.acceptance.EvidenceGatherer;

/** The figures' pure parts: the CRS sentence from EPSG's WKT, curves that coincide, labels kept off what they must not cover. */
class FigureLayoutTest {

    /** EPSG:4527 as GDAL writes it ({@code gdalsrsinfo -o wkt1 EPSG:4527}): an independent source of the definition. */
    private static final String EPSG_4527 = "PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger zone 39\", GEOGCS[\"China Geodetic Coordinate System 2000\", "
            + "DATUM[\"China_2000\", SPHEROID[\"CGCS2000\",6378137,298.257222101, AUTHORITY[\"EPSG\",\"1024\"]], AUTHORITY[\"EPSG\",\"1043\"]], "
            + "PRIMEM[\"Greenwich\",0, AUTHORITY[\"EPSG\",\"8901\"]], UNIT[\"degree\",0.0174532925199433, AUTHORITY[\"EPSG\",\"9122\"]], "
            + "AUTHORITY[\"EPSG\",\"4490\"]], PROJECTION[\"Transverse_Mercator\"], PARAMETER[\"latitude_of_origin\",0], "
            + "PARAMETER[\"central_meridian\",117], PARAMETER[\"scale_factor\",1], PARAMETER[\"false_easting\",39500000], "
            + "PARAMETER[\"false_northing\",0], UNIT[\"metre\",1, AUTHORITY[\"EPSG\",\"9001\"]], AXIS[\"Northing\",NORTH], AXIS[\"Easting\",EAST], "
            + "AUTHORITY[\"EPSG\",\"4527\"]]";
    private static final String UTM_50N = "PROJCS[\"WGS 84 / UTM zone 50N\", GEOGCS[\"WGS 84\", DATUM[\"WGS_1984\", SPHEROID[\"WGS 84\",6378137,"
            + "298.257223563]]], PROJECTION[\"Transverse_Mercator\"], PARAMETER[\"central_meridian\",117], AUTHORITY[\"EPSG\",\"32650\"]]";

    @Test
    void theCrsSentenceNamesDatumZoneMeridianAndCode() {
        MapCrs gk = MapCrs.fromWkt(4527, EPSG_4527);
        assertThat(gk.statement(new ReportText("zh"))).isEqualTo("坐标系：2000国家大地坐标系（CGCS2000），高斯-克吕格投影 3° 分带，中央子午线 117°E（EPSG:4527）");
        assertThat(gk.statement(new ReportText("en")))
                .isEqualTo("Coordinates: datum CGCS2000, Gauss-Krüger projection, 3° zone, central meridian 117°E (EPSG:4527)");
        MapCrs utm = MapCrs.fromWkt(32650, UTM_50N);
        assertThat(utm.statement(new ReportText("en"))).isEqualTo("Coordinates: WGS 84 / UTM zone 50N, datum WGS_1984 (EPSG:32650)");
    }

    @Test
    void coincidingCurvesAreOneLineNamedTogether() {
        List<Instant> days = List.of(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-02T00:00:00Z"), Instant.parse("2026-06-03T00:00:00Z"));
        var a = new EvidenceGatherer.MarkerSeries(1, "SM-01", 1, days, List.of(20.0, 25.0, 30.0));
        var same = new EvidenceGatherer.MarkerSeries(2, "SM-02", 1, days, List.of(20.0, 25.0, 30.0));
        var apart = new EvidenceGatherer.MarkerSeries(3, "SM-03", 1, days, List.of(21.0, 26.0, 31.0)); // 1 mm on an 11 mm range: visible
        var groups = ReportCharts.coinciding(List.of(a, same, apart));
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).extracting(EvidenceGatherer.MarkerSeries::code).containsExactly("SM-01", "SM-02");
        assertThat(groups.get(1)).extracting(EvidenceGatherer.MarkerSeries::code).containsExactly("SM-03");
        assertThat(ReportCharts.settlement(List.of(a, same, apart), ZoneId.of("Asia/Shanghai"), new ReportText("zh"))).isNotNull();
    }

    @Test
    void aLabelAvoidsBlockedShapesAndIsLeftOutWithoutRoom() {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setFont(MapFigure.font(18));
        LabelPlacer placer = new LabelPlacer(new Rectangle2D.Double(0, 0, 400, 300));
        Rectangle2D cable = new Rectangle2D.Double(210, 0, 8, 300); // a cable just right of the anchor
        placer.block(cable);
        List<Rectangle2D> drawn = new ArrayList<>();
        assertThat(placer.place(g, "SM-01", 200, 150, 12, box -> drawn.add(box))).isTrue();
        assertThat(drawn.get(drawn.size() - 1).intersects(cable)).isFalse();
        assertThat(drawn.get(drawn.size() - 1).getMaxX()).as("the first free side: left").isLessThanOrEqualTo(200);
        // boxed in on every side: left out
        placer.block(new Rectangle2D.Double(0, 0, 400, 140));
        placer.block(new Rectangle2D.Double(0, 160, 400, 140));
        placer.block(new Rectangle2D.Double(0, 0, 195, 300));
        assertThat(placer.place(g, "SM-02", 200, 150, 12, box -> true)).isFalse();
        g.dispose();
    }

    @Test
    void aPaletteImageKeepsTheFiguresColours() {
        BufferedImage rgb = new BufferedImage(50, 20, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 50; x++) {
            for (int y = 0; y < 20; y++) {
                rgb.setRGB(x, y, x < 25 ? 0x4caf50 : 0xe53935);
            }
        }
        BufferedImage indexed = IndexedImage.of(rgb);
        assertThat(indexed.getType()).isEqualTo(BufferedImage.TYPE_BYTE_INDEXED);
        assertThat(indexed.getRGB(3, 3) & 0xffffff).isEqualTo(0x4caf50);
        assertThat(indexed.getRGB(40, 3) & 0xffffff).isEqualTo(0xe53935);
    }
}
