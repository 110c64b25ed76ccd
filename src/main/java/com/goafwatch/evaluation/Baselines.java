package com.goafwatch.evaluation;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The baseline in force (the newest recorded) per parcel and per cable, for fiber strain and settlement. */
record Baselines(Map<Long, Instant> fiberByCable, Map<Long, Instant> fiberByParcel, Map<Long, Instant> settlementByParcel) {

    static Baselines read(JdbcClient jdbc, long projectId) {
        Map<Long, Instant> fiberByCable = new HashMap<>();
        Map<Long, Instant> fiberByParcel = new HashMap<>();
        Map<Long, Instant> settlementByParcel = new HashMap<>();
        jdbc.sql("""
                SELECT DISTINCT ON (parcel_id, cable_id, metric) parcel_id, cable_id, metric, taken_at
                FROM metric_baseline WHERE project_id = ? ORDER BY parcel_id, cable_id, metric, id DESC""").param(projectId)
                .query(rs -> {
                    Long parcel = (Long) rs.getObject(1);
                    Long cable = (Long) rs.getObject(2);
                    Instant at = rs.getTimestamp(4).toInstant();
                    if ("settlement".equals(rs.getString(3))) {
                        if (parcel != null) {
                            settlementByParcel.put(parcel, at);
                        }
                    } else if (cable != null) {
                        fiberByCable.put(cable, at);
                    } else {
                        fiberByParcel.put(parcel, at);
                    }
                });
        return new Baselines(fiberByCable, fiberByParcel, settlementByParcel);
    }

    /** The fiber baseline for samples of a cable in a parcel: the parcel's if it has one, else the cable's. */
    Instant fiber(long parcelId, long cableId) {
        Instant p = fiberByParcel.get(parcelId);
        return p != null ? p : fiberByCable.get(cableId);
    }
}
