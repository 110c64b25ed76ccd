package com.goafwatch.fiber;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.parcel.ParcelsChanged;

/**
 * Keeps {@code cable_parcel_interval} in step with cables, calibrations and parcel geometry. Runs inside
 * the transaction that made the change, so the intervals can never be seen out of date; the in-memory
 * locator is told after commit ({@link CableLayoutChanged}).
 */
@Component
class IntervalRefresher {

    private final JdbcClient jdbc;
    private final CableRepository cables;
    private final ApplicationEventPublisher events;

    IntervalRefresher(JdbcClient jdbc, CableRepository cables, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cables = cables;
        this.events = events;
    }

    @EventListener
    @Transactional
    void onParcelsChanged(ParcelsChanged event) {
        for (Cable cable : cables.findByProject(event.projectId())) {
            refresh(cable);
        }
        // point sensors take the parcel they stand in
        jdbc.sql("UPDATE point_sensor s SET parcel_id = (SELECT p.id FROM parcel p WHERE p.project_id = s.project_id "
                + "AND ST_Covers(p.geom, s.location) ORDER BY p.id LIMIT 1) WHERE s.project_id = ?").param(event.projectId()).update();
    }

    @Transactional
    void refresh(Cable cable) {
        List<FiberInterval> intervals = FiberIntervals.compute(cables.calibration(cable), spans(cable));
        jdbc.sql("DELETE FROM cable_parcel_interval WHERE cable_id = ?").param(cable.id()).update();
        for (FiberInterval i : intervals) {
            jdbc.sql("INSERT INTO cable_parcel_interval (cable_id, fiber_from_m, fiber_to_m, chainage_from_m, chainage_to_m, parcel_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(cable.id(), i.fiberFromM(), i.fiberToM(), i.chainageFromM(), i.chainageToM(), i.parcelId()).update();
        }
        events.publishEvent(new CableLayoutChanged(cable.id()));
    }

    /** Chainage stretches of the route inside each parcel (PostGIS, in EPSG:4548 metres). */
    private List<ParcelSpan> spans(Cable cable) {
        if (cable.installation() == Installation.BOREHOLE) {
            return jdbc.sql("SELECT p.id FROM cable c JOIN parcel p ON p.project_id = c.project_id AND ST_Covers(p.geom, c.top_point) "
                    + "WHERE c.id = ? ORDER BY p.id LIMIT 1").param(cable.id()).query(Long.class).list().stream()
                    .map(parcelId -> new ParcelSpan(0, cable.routeLengthM(), parcelId)).toList();
        }
        return jdbc.sql("""
                WITH c AS (SELECT ST_Transform(route, 4548) AS g, route, project_id FROM cable WHERE id = ?)
                SELECT p.id,
                       ST_LineLocatePoint(c.g, ST_StartPoint(d.geom)) * ST_Length(c.g) AS a,
                       ST_LineLocatePoint(c.g, ST_EndPoint(d.geom)) * ST_Length(c.g) AS b
                FROM c JOIN parcel p ON p.project_id = c.project_id AND ST_Intersects(p.geom, c.route),
                     LATERAL ST_Dump(ST_Intersection(c.g, ST_Transform(p.geom, 4548))) d
                WHERE ST_GeometryType(d.geom) = 'ST_LineString'
                ORDER BY a""").param(cable.id())
                .query((rs, n) -> new ParcelSpan(Math.min(rs.getDouble("a"), rs.getDouble("b")),
                        Math.max(rs.getDouble("a"), rs.getDouble("b")), rs.getLong("id")))
                .list();
    }
}
