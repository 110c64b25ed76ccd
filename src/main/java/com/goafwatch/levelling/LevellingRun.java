package com.goafwatch.levelling;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stored levelling run: who observed it with which instrument, from and to which benchmarks, its length,
 * misclosure and limit, how the misclosure was distributed, and (on single reads) its points.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LevellingRun(long id, long projectId, OffsetDateTime observedAt, String observer, String instrument, String fileFormat,
        String order, String terrain, String startBenchmark, double startHeightM, String endBenchmark, double endHeightM, int setups,
        double lengthKm, double misclosureMm, double toleranceMm, String toleranceRule, String distribution, String fileSha256,
        Long spoolBatch, OffsetDateTime createdAt, List<RunPoint> points) {

    /** A point of the run; {@code kind} benchmark, turning or marker; {@code sensorId} for markers. */
    public record RunPoint(int seq, String pointCode, String kind, double distanceFromStartM, double observedHeightM, double correctionMm,
            double heightM, Long sensorId) {
    }

    LevellingRun withPoints(List<RunPoint> list) {
        return new LevellingRun(id, projectId, observedAt, observer, instrument, fileFormat, order, terrain, startBenchmark, startHeightM,
                endBenchmark, endHeightM, setups, lengthKm, misclosureMm, toleranceMm, toleranceRule, distribution, fileSha256, spoolBatch,
                createdAt, list);
    }
}
