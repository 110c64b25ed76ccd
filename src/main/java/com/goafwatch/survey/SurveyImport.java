package com.goafwatch.survey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.ingest.IngestProperties;
import com.goafwatch.ingest.IngestSummary;
import com.goafwatch.ingest.RowErrors;
import com.goafwatch.ingest.SamplesAccepted;
import com.goafwatch.ingest.Timestamps;
import com.goafwatch.sensor.SensorType;
import com.goafwatch.system.ApiException;
import com.goafwatch.timeseries.LinePoint;
import com.goafwatch.timeseries.Spool;
import com.goafwatch.timeseries.SurveySeries;

/**
 * Imports 3-D survey readings of settlement markers, all or nothing: every row is checked (known marker, a
 * position within {@link SurveyProperties#maxOffsetFromMapM()} of where the marker is mapped, a movement within
 * {@link SurveyProperties#maxDisplacementMm()}, one reading per marker and time, not before the marker's
 * baseline); a marker's earliest reading in its first import becomes its baseline; the readings and their
 * displacements go through the spool (durable before 202). The spool batch is committed last inside the
 * database transaction, so a refusal leaves neither baselines nor readings.
 */
@Service
class SurveyImport {

    private final SurveyRepository repository;
    private final Spool spool;
    private final IngestProperties ingest;
    private final SurveyProperties limits;
    private final ApplicationEventPublisher events;

    SurveyImport(SurveyRepository repository, Spool spool, IngestProperties ingest, SurveyProperties limits, ApplicationEventPublisher events) {
        this.repository = repository;
        this.spool = spool;
        this.ingest = ingest;
        this.limits = limits;
        this.events = events;
    }

    @Transactional
    public IngestSummary importRows(long projectId, List<SurveyFile.Row> rows, RowErrors errors) {
        int srid = repository.surveySrid(projectId);
        if (srid != 4548 && srid != 4527) {
            throw ApiException.unprocessable("geographic-survey-crs", "Survey CRS is not projected", "the project's survey CRS is EPSG:"
                    + srid + " (degrees); easting and northing in metres need a projected CRS such as EPSG:4548; nothing was stored");
        }
        Map<String, SurveyRepository.Target> targets = repository.targets(projectId, srid);
        Timestamps timestamps = new Timestamps(ingest.siteZone());
        long latestAllowedMs = Instant.now().plus(ingest.maxFuture()).toEpochMilli();
        List<Accepted> accepted = new ArrayList<>();
        Map<String, Long> lineOfReading = new HashMap<>();
        for (SurveyFile.Row row : rows) {
            SurveyRepository.Target target = targets.get(row.sensor());
            if (target == null) {
                errors.add(row.line(), "unknown marker '" + shorten(row.sensor()) + "' in this project");
                continue;
            }
            if (!target.type().equals(SensorType.SETTLEMENT_MARKER.dbValue())) {
                errors.add(row.line(), row.sensor() + " is a " + target.type() + "; survey readings are for settlement markers");
                continue;
            }
            long timeMs;
            try {
                timeMs = timestamps.toEpochMillis(row.time());
            } catch (IllegalArgumentException e) {
                errors.add(row.line(), e.getMessage());
                continue;
            }
            if (timeMs > latestAllowedMs) {
                errors.add(row.line(), "time " + Instant.ofEpochMilli(timeMs) + " lies in the future");
                continue;
            }
            Long first = lineOfReading.putIfAbsent(row.sensor() + "@" + timeMs, row.line());
            if (first != null) {
                errors.add(row.line(), row.sensor() + " is surveyed twice at " + Instant.ofEpochMilli(timeMs) + " (first on " + first + ")");
                continue;
            }
            String offMap = offMap(target, row.point(), srid);
            if (offMap != null) {
                errors.add(row.line(), offMap);
                continue;
            }
            accepted.add(new Accepted(row.line(), target, timeMs, row.point()));
        }
        Map<Long, Accepted> newBaselines = newBaselines(accepted);
        for (Accepted a : accepted) {
            SurveyRepository.Baseline baseline = baselineOf(a, newBaselines);
            if (a.timeMs() < baseline.observedAt().toEpochMilli()) {
                errors.add(a.line(), a.target().code() + " at " + Instant.ofEpochMilli(a.timeMs()) + " is earlier than its survey baseline of "
                        + baseline.observedAt() + ", from which its displacements are counted");
                continue;
            }
            HorizontalDisplacement d = HorizontalDisplacement.between(baseline.point(), a.point());
            double largest = Math.max(Math.max(Math.abs(d.eastMm()), Math.abs(d.northMm())), Math.abs(d.heightMm()));
            if (largest > limits.maxDisplacementMm()) {
                errors.add(a.line(), String.format(Locale.ROOT, "%s moved %.1f mm east, %.1f mm north, %.1f mm up from its baseline of %s; more than "
                        + "%.0f mm (goafwatch.survey.max-displacement-mm) is taken for a wrong point", a.target().code(), d.eastMm(), d.northMm(),
                        d.heightMm(), baseline.observedAt(), limits.maxDisplacementMm()));
            }
        }
        if (errors.any()) {
            throw errors.toProblem("survey import");
        }
        return write(projectId, srid, accepted, newBaselines);
    }

    private IngestSummary write(long projectId, int srid, List<Accepted> accepted, Map<Long, Accepted> newBaselines) {
        Set<Long> parcels = new HashSet<>();
        try (Spool.Batch batch = spool.begin()) {
            for (Accepted a : accepted) {
                HorizontalDisplacement d = HorizontalDisplacement.between(baselineOf(a, newBaselines).point(), a.point());
                TreeMap<String, String> tags = new TreeMap<>(Map.of(SurveySeries.TAG_SENSOR, String.valueOf(a.target().sensorId()),
                        SurveySeries.TAG_PARCEL, a.target().parcelId() == null ? "none" : String.valueOf(a.target().parcelId())));
                Map<String, Double> fields = new TreeMap<>(Map.of(SurveySeries.FIELD_EASTING, a.point().eastingM(), SurveySeries.FIELD_NORTHING,
                        a.point().northingM(), SurveySeries.FIELD_HEIGHT, a.point().heightM(), SurveySeries.FIELD_EAST, d.eastMm(),
                        SurveySeries.FIELD_NORTH, d.northMm(), SurveySeries.FIELD_HORIZONTAL, d.magnitudeMm(), SurveySeries.FIELD_HEIGHT_CHANGE,
                        d.heightMm()));
                batch.append(new LinePoint(SurveySeries.MEASUREMENT, tags, fields, a.timeMs()));
                if (a.target().parcelId() != null) {
                    parcels.add(a.target().parcelId());
                }
            }
            long sequence = batch.commit();
            newBaselines.values().forEach(b -> repository.insertBaseline(b.target().sensorId(), srid, Instant.ofEpochMilli(b.timeMs()), b.point(),
                    sequence));
            events.publishEvent(new SamplesAccepted(projectId, sequence, Set.copyOf(parcels)));
            return new IngestSummary(sequence, 0, accepted.size());
        }
    }

    private record Accepted(long line, SurveyRepository.Target target, long timeMs, SurveyPoint point) {
    }

    /** Markers without a baseline get their earliest reading of this import as one. */
    private static Map<Long, Accepted> newBaselines(List<Accepted> accepted) {
        Map<Long, Accepted> first = new HashMap<>();
        for (Accepted a : accepted) {
            if (a.target().baseline() == null) {
                first.merge(a.target().sensorId(), a, (x, y) -> y.timeMs() < x.timeMs() ? y : x);
            }
        }
        return first;
    }

    private static SurveyRepository.Baseline baselineOf(Accepted a, Map<Long, Accepted> newBaselines) {
        if (a.target().baseline() != null) {
            return a.target().baseline();
        }
        Accepted b = newBaselines.get(a.target().sensorId());
        return new SurveyRepository.Baseline(Instant.ofEpochMilli(b.timeMs()), b.point());
    }

    /** Null when the position lies near the mapped marker; else why not, with a hint at the usual mistakes. */
    private String offMap(SurveyRepository.Target t, SurveyPoint p, int srid) {
        double offset = Math.hypot(p.eastingM() - t.mapEastingM(), p.northingM() - t.mapNorthingM());
        if (offset <= limits.maxOffsetFromMapM()) {
            return null;
        }
        boolean swapped = Math.hypot(p.northingM() - t.mapEastingM(), p.eastingM() - t.mapNorthingM()) <= limits.maxOffsetFromMapM();
        return String.format(Locale.ROOT, "%s surveyed at E %.3f N %.3f lies %.1f m from where it is mapped (E %.3f N %.3f in EPSG:%d); at "
                + "most %.0f m (goafwatch.survey.max-offset-from-map-m)%s", t.code(), p.eastingM(), p.northingM(), offset, t.mapEastingM(),
                t.mapNorthingM(), srid, limits.maxOffsetFromMapM(), swapped ? ": easting and northing look swapped" : "");
    }

    private static String shorten(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
