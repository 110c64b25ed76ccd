package com.goafwatch.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.goafwatch.acceptance.AcceptanceRules;
import com.goafwatch.acceptance.CriterionResult;
import com.goafwatch.acceptance.QaResult;

/** The report's tables, as sheets of one workbook (XLSX) or as CSV files in a zip; numbers stay numbers. */
final class ReportTables {

    record Table(String name, List<String> header, List<List<Object>> rows) {
    }

    private ReportTables() {
    }

    static List<Table> of(ReportContent c) {
        List<Table> tables = new ArrayList<>();
        List<List<Object>> verdicts = new ArrayList<>();
        for (AcceptanceRules.ParcelVerdict v : c.parcels()) {
            for (CriterionResult r : v.criteria()) {
                verdicts.add(row(v.code(), v.areaMu(), v.status(), v.verdict().json(), r.criterion(), r.verdict().json(), r.value(), r.limit(),
                        r.unit(), r.detail()));
            }
        }
        tables.add(new Table("verdicts", List.of("parcel", "area_mu", "status", "parcel_verdict", "criterion", "criterion_verdict", "value",
                "limit", "unit", "detail"), verdicts));
        tables.add(new Table("boreholes", List.of("code", "type", "order", "parcel", "measured_depth_m", "vertical_depth_m", "depth_to_goaf_m",
                "grout_take_m3", "waste_share", "grout_pressure_mpa", "grouted_on"), c.treatment().holeRows().stream()
                        .map(h -> row(h.code(), h.type(), h.order(), h.parcel(), h.measuredDepthM(), h.verticalDepthM(), h.depthToGoafM(),
                                h.groutTakeM3(), h.wasteShare(), h.groutPressureMpa(), h.groutedOn())).toList()));
        tables.add(new Table("qa_tests", List.of("code", "type", "borehole", "parcel", "tested_on", "fluid_loss", "reinjection_m3",
                "neighbour_mean_take_m3", "core_strength_mpa", "wave_velocity_ms", "defect_found", "passed", "reason"), c.qaTests().stream()
                        .map((QaResult q) -> row(q.code(), q.type(), q.borehole(), q.parcel(), q.testedOn(), q.fluidLoss(), q.reinjectionM3(),
                                q.neighbourMeanTakeM3(), q.coreStrengthMpa(), q.waveVelocityMs(), q.defectFound(), q.passed(), q.reason()))
                        .toList()));
        tables.add(new Table("settlement_markers", List.of("marker", "parcel", "days_read", "span_days", "settlement_in_period_mm",
                "rate_mm_per_day", "latest_mm"), c.monitoring().markers().stream().map(m -> row(m.code(), m.parcel(), m.readings(), m.spanDays(),
                        m.cumulativeMm(), m.rateMmPerDay(), m.latestMm())).toList()));
        List<List<Object>> curves = new ArrayList<>();
        c.monitoring().markerSeries().forEach(s -> {
            for (int i = 0; i < s.days().size(); i++) {
                curves.add(row(s.code(), s.days().get(i), s.meanMm().get(i)));
            }
        });
        tables.add(new Table("settlement_daily", List.of("marker", "day", "mean_settlement_mm"), curves));
        List<List<Object>> displacement = new ArrayList<>();
        c.monitoring().survey().forEach(m -> m.readings().forEach(r -> displacement.add(row(m.code(), m.parcel(), m.crs(), r.time(), r.eastMm(),
                r.northMm(), r.horizontalMm(), r.azimuthDeg(), r.heightChangeMm()))));
        tables.add(new Table("horizontal_displacement", List.of("marker", "parcel", "crs", "time", "east_mm", "north_mm", "horizontal_mm",
                "azimuth_deg", "height_change_mm"), displacement));
        List<List<Object>> strain = new ArrayList<>();
        c.monitoring().cables().forEach(cable -> {
            for (int i = 0; i < cable.days().size(); i++) {
                strain.add(row(cable.code(), cable.days().get(i), cable.maxGroundUe().get(i), cable.minGroundUe().get(i)));
            }
        });
        tables.add(new Table("fiber_strain_daily", List.of("cable", "day", "max_ground_strain_ue", "min_ground_strain_ue"), strain));
        List<List<Object>> forecast = new ArrayList<>();
        c.forecast().parcels().forEach(p -> p.markers().forEach(m -> {
            var f = m.forecast();
            forecast.add(row(p.code(), m.code(), m.readings(), m.firstReading(), m.lastReading(), f.status().json(),
                    f.model() == null ? null : f.model().json(), f.finalMm(), f.finalLowMm(), f.finalHighMm(), f.residualMm(), f.stableOn(),
                    f.stableOnEarliest(), f.stableOnLatest(), f.observedRateMmPerDay(), p.governingMarker() != null && p.governingMarker().equals(m.code())));
        }));
        tables.add(new Table("settlement_forecast", List.of("parcel", "marker", "days_read", "first_reading", "last_reading", "status", "model",
                "final_mm", "final_low_mm", "final_high_mm", "residual_mm", "stable_on", "stable_on_earliest", "stable_on_latest",
                "observed_rate_mm_per_day", "governs_parcel"), forecast));
        tables.add(new Table("conclusions", List.of("parcel", "area_mu", "conclusion", "damage_class", "observe_until", "criteria"),
                c.conclusions().stream().map(pc -> row(pc.parcel(), pc.areaMu(), pc.kind().json(), pc.damageClass(), pc.observeUntil(),
                        String.join(" ", pc.criteria()))).toList()));
        tables.add(new Table("alerts", List.of("id", "parcel", "rule", "kind", "level", "peak_level", "state", "value", "threshold", "unit",
                "raised_at", "acknowledged_at", "acknowledged_by", "cleared_at", "notes"), c.alerts().stream().map(a -> row(a.id(), a.parcel(),
                        a.rule(), a.kind(), a.level(), a.peakLevel(), a.state(), a.value(), a.threshold(), a.unit(), a.raisedAt(), a.acknowledgedAt(),
                        a.acknowledgedBy(), a.clearedAt(), String.join(" | ", a.notes()))).toList()));
        return tables;
    }

    static byte[] xlsx(List<Table> tables) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Table t : tables) {
                Sheet sheet = book.createSheet(t.name());
                Row head = sheet.createRow(0);
                for (int i = 0; i < t.header().size(); i++) {
                    head.createCell(i).setCellValue(t.header().get(i));
                }
                int r = 1;
                for (List<Object> values : t.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int i = 0; i < values.size(); i++) {
                        Object v = values.get(i);
                        if (v instanceof Number n) {
                            row.createCell(i).setCellValue(n.doubleValue());
                        } else if (v instanceof Boolean b) {
                            row.createCell(i).setCellValue(b);
                        } else if (v != null) {
                            row.createCell(i).setCellValue(v.toString());
                        }
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] csvZip(List<Table> tables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Table t : tables) {
                zip.putNextEntry(new ZipEntry(t.name() + ".csv"));
                OutputStreamWriter w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(t.header().toArray(String[]::new)).get());
                for (List<Object> row : t.rows()) {
                    csv.printRecord(row);
                }
                csv.flush();
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }
}
