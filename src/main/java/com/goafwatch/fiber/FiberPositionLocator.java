package com.goafwatch.fiber;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns (cable, fiber distance) into chainage and parcel from the precomputed intervals, in memory (an
 * ingestion places tens of thousands of samples per trace; none of them may cost a database round trip).
 * Layouts are loaded per cable on first use and dropped after any committed change to the cable's
 * route, calibration or parcel intervals.
 */
@Component
public class FiberPositionLocator {

    /** Where a sample lies. {@code parcelId} null: outside every parcel; {@code mapped} false: outside the calibration. */
    public record Position(boolean mapped, double chainageM, Long parcelId) {

        static final Position UNMAPPED = new Position(false, Double.NaN, null);
    }

    private record Layout(Calibration calibration, double[] starts, List<FiberInterval> intervals) {
    }

    private final CableRepository cables;
    private final JdbcClient jdbc;
    private final Map<Long, Layout> layouts = new ConcurrentHashMap<>();

    FiberPositionLocator(CableRepository cables, JdbcClient jdbc) {
        this.cables = cables;
        this.jdbc = jdbc;
    }

    public Position locate(Cable cable, double fiberDistanceM) {
        Layout layout = layouts.computeIfAbsent(cable.id(), id -> load(cable));
        OptionalDouble chainage = layout.calibration().chainageAt(fiberDistanceM);
        if (chainage.isEmpty()) {
            return Position.UNMAPPED;
        }
        int i = java.util.Arrays.binarySearch(layout.starts(), fiberDistanceM);
        int index = i >= 0 ? i : -i - 2;
        Long parcel = null;
        if (index >= 0 && index < layout.intervals().size() && fiberDistanceM <= layout.intervals().get(index).fiberToM()) {
            parcel = layout.intervals().get(index).parcelId();
        }
        return new Position(true, chainage.getAsDouble(), parcel);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onLayoutChanged(CableLayoutChanged event) {
        layouts.remove(event.cableId());
    }

    private Layout load(Cable cable) {
        List<FiberInterval> intervals = jdbc.sql("SELECT fiber_from_m, fiber_to_m, chainage_from_m, chainage_to_m, parcel_id "
                + "FROM cable_parcel_interval WHERE cable_id = ? ORDER BY fiber_from_m").param(cable.id())
                .query((rs, n) -> new FiberInterval(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        (Long) rs.getObject(5)))
                .list();
        double[] starts = intervals.stream().mapToDouble(FiberInterval::fiberFromM).toArray();
        return new Layout(cables.calibration(cable), starts, intervals);
    }
}
