package com.goafwatch.threshold;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.system.ApiException;
import com.goafwatch.system.RequestTime;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "Baselines")
@RestController
class BaselineController {

    /** Body: {@code metric} (fiber_strain or settlement), {@code takenAt} (ISO-8601, default now), {@code note}. */
    record BaselineRequest(String metric, String takenAt, String note) {
    }

    private static final Set<String> CUMULATIVE = Set.of("fiber_strain", "settlement");

    private final JdbcClient jdbc;

    BaselineController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Operation(summary = "Re-set a parcel's baseline (e.g. after works); earlier baselines stay as history")
    @ProjectScoped(ScopeOwner.PARCEL)
    @PostMapping("/api/v1/parcels/{id}/baselines")
    @Transactional
    ResponseEntity<Baseline> parcelBaseline(@PathVariable long id, @RequestBody BaselineRequest request) {
        return add("parcel", id, request);
    }

    @Operation(summary = "Re-set a cable's baseline (e.g. a new tare); earlier baselines stay as history")
    @ProjectScoped(ScopeOwner.CABLE)
    @PostMapping("/api/v1/cables/{id}/baselines")
    @Transactional
    ResponseEntity<Baseline> cableBaseline(@PathVariable long id, @RequestBody BaselineRequest request) {
        return add("cable", id, request);
    }

    @ProjectScoped(ScopeOwner.PARCEL)
    @GetMapping("/api/v1/parcels/{id}/baselines")
    List<Baseline> parcelHistory(@PathVariable long id) {
        return history("parcel", id);
    }

    @ProjectScoped(ScopeOwner.CABLE)
    @GetMapping("/api/v1/cables/{id}/baselines")
    List<Baseline> cableHistory(@PathVariable long id) {
        return history("cable", id);
    }

    private ResponseEntity<Baseline> add(String subject, long id, BaselineRequest r) {
        long projectId = project(subject, id);
        // Set.of(...).contains(null) throws: an absent metric must be a 422, not a 500
        if (r == null || r.metric() == null || !CUMULATIVE.contains(r.metric())) {
            throw ApiException.unprocessable("invalid-baseline", "Invalid baseline", "metric must be fiber_strain or settlement");
        }
        OffsetDateTime takenAt;
        try {
            takenAt = r.takenAt() == null ? OffsetDateTime.now() : OffsetDateTime.parse(r.takenAt());
        } catch (DateTimeParseException e) {
            throw ApiException.unprocessable("invalid-baseline", "Invalid baseline", "takenAt is not an ISO-8601 date-time with offset");
        }
        if (!RequestTime.accepts(takenAt.toInstant())) {
            throw ApiException.unprocessable("invalid-baseline", "Invalid baseline", RequestTime.outOfRange("takenAt", r.takenAt()));
        }
        if (takenAt.isAfter(OffsetDateTime.now().plusMinutes(5))) {
            throw ApiException.unprocessable("invalid-baseline", "Invalid baseline", "takenAt lies in the future");
        }
        long baselineId = jdbc.sql("INSERT INTO metric_baseline (project_id, " + subject + "_id, metric, taken_at, note) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING id").params(projectId, id, r.metric(), takenAt, r.note()).query(Long.class).single();
        Baseline created = history(subject, id).stream().filter(b -> b.id() == baselineId).findFirst().orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/" + subject + "s/" + id + "/baselines")).body(created);
    }

    private List<Baseline> history(String subject, long id) {
        project(subject, id);
        return jdbc.sql("SELECT id, project_id, parcel_id, cable_id, metric, taken_at, note, created_at FROM metric_baseline WHERE "
                + subject + "_id = ? ORDER BY taken_at DESC, id DESC").param(id)
                .query((rs, n) -> new Baseline(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), (Long) rs.getObject(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
                .list();
    }

    /** {@code subject} is "parcel" or "cable" (literals of this class, never client input). */
    private long project(String subject, long id) {
        return jdbc.sql("SELECT project_id FROM " + subject + " WHERE id = ?").param(id).query(Long.class).optional()
                .orElseThrow(() -> ApiException.notFound(subject, id));
    }
}
