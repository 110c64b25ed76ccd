package com.goafwatch.forecast;

import static com.goafwatch.timeseries.InfluxQl.identifier;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.goafwatch.acceptance.AcceptanceCriteria;
import com.goafwatch.acceptance.AcceptanceService;
import com.goafwatch.phase.Phase;
import com.goafwatch.phase.PhaseRepository;
import com.goafwatch.system.ApiException;
import com.goafwatch.timeseries.InfluxClient;
import com.goafwatch.timeseries.InfluxQl;
import com.goafwatch.timeseries.InfluxSeries;
import com.goafwatch.timeseries.PointSeries;

/**
 * Settlement forecasts of a phase's (or one parcel's) markers at a time: daily means of each marker since its parcel's
 * last grouting (residual settlement after treatment; without a grouting date, the last ten years) read in one InfluxDB
 * statement, each series forecast by {@link SettlementForecaster} against the project's stability criterion.
 */
@Service
public class ForecastService {

    /** The forecasts of a phase's parcels at {@code at}. */
    public record PhaseForecast(long phaseId, Instant at, StabilityCriterion criterion, List<ParcelForecast> parcels) {
    }

    private record Marker(long id, String code, long parcelId) {
    }

    private record ParcelRow(long id, String code, LocalDate lastGrouted) {
    }

    private static final Duration LONGEST_SERIES = Duration.ofDays(3653);

    private final JdbcClient jdbc;
    private final InfluxClient influx;
    private final PhaseRepository phases;
    private final AcceptanceService acceptance;

    ForecastService(JdbcClient jdbc, InfluxClient influx, PhaseRepository phases, AcceptanceService acceptance) {
        this.jdbc = jdbc;
        this.influx = influx;
        this.phases = phases;
        this.acceptance = acceptance;
    }

    public PhaseForecast phase(long phaseId, Instant at) {
        return forecast(phaseId, null, at);
    }

    public ParcelForecast parcel(long parcelId, Instant at) {
        long phaseId = phases.phaseIdOfParcel(parcelId).orElseThrow(() -> ApiException.notFound("parcel", parcelId));
        return forecast(phaseId, parcelId, at).parcels().get(0);
    }

    /** The project's stability criterion. */
    public StabilityCriterion criterion(long projectId) {
        AcceptanceCriteria c = acceptance.criteria(projectId).withDefaults();
        return new StabilityCriterion(c.stabilityWindowDays(), c.stableRateMmPerDay());
    }

    private PhaseForecast forecast(long phaseId, Long onlyParcel, Instant at) {
        Phase phase = phases.findById(phaseId).orElseThrow(() -> ApiException.notFound("phase", phaseId));
        StabilityCriterion criterion = criterion(phase.projectId());
        List<ParcelRow> parcels = jdbc.sql("""
                SELECT p.id, p.code, (SELECT max(b.grouted_on) FROM borehole b WHERE b.parcel_id = p.id AND b.hole_type = 'grouting')
                FROM parcel p WHERE p.phase_id = ? AND p.id = COALESCE(?::bigint, p.id) ORDER BY p.code""").params(phaseId, onlyParcel)
                .query((rs, i) -> new ParcelRow(rs.getLong(1), rs.getString(2), rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate()))
                .list();
        List<Marker> markers = jdbc.sql("""
                SELECT m.id, m.code, m.parcel_id FROM point_sensor m JOIN parcel p ON p.id = m.parcel_id
                WHERE p.phase_id = ? AND p.id = COALESCE(?::bigint, p.id) AND m.sensor_type = 'settlement-marker' ORDER BY m.code""")
                .params(phaseId, onlyParcel).query((rs, i) -> new Marker(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
        Map<Long, LocalDate> groutedOn = new HashMap<>();
        parcels.forEach(p -> groutedOn.put(p.id(), p.lastGrouted()));
        Map<Long, double[][]> series = markers.isEmpty() ? Map.of() : dailyMeans(markers, at.minus(LONGEST_SERIES), at);

        List<ParcelForecast> out = new ArrayList<>();
        for (ParcelRow p : parcels) {
            List<ParcelForecast.MarkerForecast> mf = new ArrayList<>();
            for (Marker m : markers.stream().filter(m -> m.parcelId() == p.id()).toList()) {
                mf.add(forecastMarker(m, series.getOrDefault(m.id(), new double[2][0]), groutedOn.get(p.id()), criterion));
            }
            out.add(ParcelForecast.of(p.id(), p.code(), mf));
        }
        return new PhaseForecast(phaseId, at, criterion, out);
    }

    /** The marker's readings from its parcel's last grouting on, re-timed to days since the first of them. */
    static ParcelForecast.MarkerForecast forecastMarker(Marker m, double[][] epochDaysAndMm, LocalDate groutedOn, StabilityCriterion c) {
        double start = groutedOn == null ? Double.NEGATIVE_INFINITY : groutedOn.toEpochDay();
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < epochDaysAndMm[0].length; i++) {
            if (epochDaysAndMm[0][i] >= start) {
                kept.add(new double[] {epochDaysAndMm[0][i], epochDaysAndMm[1][i]});
            }
        }
        if (kept.isEmpty()) {
            return new ParcelForecast.MarkerForecast(m.id(), m.code(), 0, null, null,
                    SettlementForecaster.forecast(LocalDate.EPOCH, new double[0], new double[0], c));
        }
        double first = kept.get(0)[0];
        double[] t = kept.stream().mapToDouble(r -> r[0] - first).toArray();
        double[] s = kept.stream().mapToDouble(r -> r[1]).toArray();
        LocalDate firstDay = LocalDate.ofEpochDay((long) first);
        return new ParcelForecast.MarkerForecast(m.id(), m.code(), t.length, firstDay, firstDay.plusDays((long) t[t.length - 1]),
                SettlementForecaster.forecast(firstDay, t, s, c));
    }

    /** Daily means per marker: {epoch days, mm}. */
    private Map<Long, double[][]> dailyMeans(List<Marker> markers, Instant from, Instant to) {
        String ids = markers.stream().map(m -> String.valueOf(m.id())).collect(Collectors.joining("|"));
        // ids are numbers from the database, so the regular expression cannot be injected into
        var response = influx.query("SELECT mean(" + identifier(PointSeries.FIELD_SETTLEMENT) + ") FROM " + identifier(PointSeries.SETTLEMENT)
                + " WHERE " + identifier(PointSeries.TAG_SENSOR) + " =~ /^(" + ids + ")$/ AND time >= " + InfluxQl.stringLiteral(from.toString())
                + " AND time <= " + InfluxQl.stringLiteral(to.toString()) + " GROUP BY time(1d), " + identifier(PointSeries.TAG_SENSOR)
                + " fill(none)");
        Map<Long, double[][]> out = new LinkedHashMap<>();
        for (InfluxSeries s : InfluxSeries.of(response)) {
            List<double[]> rows = new ArrayList<>();
            for (Map<String, Object> row : s.rows()) {
                Double v = InfluxSeries.number(row, "mean");
                if (v != null) {
                    long ms = InfluxSeries.number(row, "time").longValue();
                    rows.add(new double[] {Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate().toEpochDay(), v});
                }
            }
            out.put(Long.parseLong(s.tags().get(PointSeries.TAG_SENSOR)),
                    new double[][] {rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[1]).toArray()});
        }
        return out;
    }
}
