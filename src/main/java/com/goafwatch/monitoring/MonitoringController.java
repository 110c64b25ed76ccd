package com.goafwatch.monitoring;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.goafwatch.fiber.Cable;
import com.goafwatch.fiber.CableRepository;
import com.goafwatch.project.SiteZones;
import com.goafwatch.sensor.PointSensor;
import com.goafwatch.sensor.PointSensorRepository;
import com.goafwatch.sensor.SensorType;
import com.goafwatch.system.ApiException;
import com.goafwatch.system.LimitsProperties;
import com.goafwatch.security.ProjectScoped;
import com.goafwatch.security.ScopeOwner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "Monitoring data")
@RestController
class MonitoringController {

    private final FiberQueries fiber;
    private final PointQueries points;
    private final CableRepository cables;
    private final PointSensorRepository sensors;
    private final JdbcClient jdbc;
    private final LimitsProperties limits;
    private final SiteZones zones;

    MonitoringController(FiberQueries fiber, PointQueries points, CableRepository cables, PointSensorRepository sensors, JdbcClient jdbc,
            LimitsProperties limits, SiteZones zones) {
        this.limits = limits;
        this.zones = zones;
        this.fiber = fiber;
        this.points = points;
        this.cables = cables;
        this.sensors = sensors;
        this.jdbc = jdbc;
    }

    @Operation(summary = "Strain/temperature along a cable at the trace nearest to `time` (default now), with chainage, "
            + "coordinates and parcel per sample")
    @ProjectScoped(ScopeOwner.CABLE)
    @GetMapping("/api/v1/cables/{id}/profile")
    FiberProfile profile(@PathVariable long id, @RequestParam(required = false) String time) {
        return fiber.profile(cable(id), time == null ? java.time.Instant.now() : TimeRange.instant("time", time));
    }

    @Operation(summary = "Strain history at one fiber distance, or over distanceFrom..distanceTo, downsampled to `points` "
            + "buckets (min/max/mean/count), or with bucket=day to the site's days (daily extremes, cut at the site's midnight)")
    @ProjectScoped(ScopeOwner.CABLE)
    @GetMapping("/api/v1/cables/{id}/history")
    FiberHistory history(@PathVariable long id, @RequestParam(required = false) Double distance,
            @RequestParam(required = false) Double distanceFrom, @RequestParam(required = false) Double distanceTo,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "500") int points, @RequestParam(required = false) String bucket) {
        if (bucket != null && !bucket.equals("day")) {
            throw ApiException.badRequest("invalid-parameter", "bucket must be 'day' (or left out for `points` buckets)")
                    .with("parameter", "bucket");
        }
        Cable cable = cable(id);
        return fiber.history(cable, distance, distanceFrom, distanceTo, TimeRange.parse(from, to, limits.maxQuerySpan()), points,
                bucket == null ? null : zones.zoneOf(cable.projectId()));
    }

    @Operation(summary = "Fiber strain inside a parcel over a window (default 1 day), per cable crossing it")
    @ProjectScoped(ScopeOwner.PARCEL)
    @GetMapping("/api/v1/parcels/{id}/strain")
    ParcelStrain parcelStrain(@PathVariable long id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        String code = jdbc.sql("SELECT code FROM parcel WHERE id = ?").param(id).query(String.class).optional()
                .orElseThrow(() -> ApiException.notFound("parcel", id));
        TimeRange range = from == null && to == null
                ? new TimeRange(java.time.Instant.now().minus(java.time.Duration.ofDays(1)), java.time.Instant.now().plusSeconds(1))
                : TimeRange.parse(from, to, limits.maxQuerySpan());
        return points.parcelStrain(id, code, range);
    }

    @Operation(summary = "Settlement-marker readings (mm, positive downward) with rates in mm/d")
    @ProjectScoped(ScopeOwner.SENSOR)
    @GetMapping("/api/v1/sensors/{id}/settlement")
    SettlementSeries settlement(@PathVariable long id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        PointSensor sensor = sensors.findById(id).orElseThrow(() -> ApiException.notFound("sensor", id));
        if (sensor.type() != SensorType.SETTLEMENT_MARKER) {
            throw ApiException.badRequest("wrong-sensor-type", "sensor " + sensor.code() + " is a " + sensor.type().dbValue()
                    + ", not a settlement marker");
        }
        return points.settlement(sensor, TimeRange.parse(from, to, limits.maxQuerySpan()), zones.zoneOf(sensor.projectId()));
    }

    private Cable cable(long id) {
        return cables.findById(id).orElseThrow(() -> ApiException.notFound("cable", id));
    }
}
