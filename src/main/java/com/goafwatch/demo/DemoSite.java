package com.goafwatch.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.client.RestClient;

import com.goafwatch.fiber.Calibration;
import com.goafwatch.geo.GaussKruger;
import com.goafwatch.subsidence.DevelopingVoid;
import com.goafwatch.subsidence.KnotheTime;
import com.goafwatch.subsidence.ProbabilityIntegral;
import com.goafwatch.subsidence.SimulatedCable;
import com.goafwatch.subsidence.SiteSimulator;
import com.goafwatch.subsidence.StripPanel;
import com.goafwatch.subsidence.SubsidenceField;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the feed simulates, read the way a gateway would learn it: cables, calibrations and markers from
 * the public API, mining parameters from the sample site's {@code subsidence.json}.
 */
record DemoSite(long projectId, List<SimulatedCable> cables, List<Marker> markers, SiteSimulator simulator, JsonNode model,
        Instant groutedAt, double storySpeedUp) {

    /** The same site with the developing event's story starting at {@code start} (the start of the live feed). */
    DemoSite startingAt(Instant start) {
        return new DemoSite(projectId, cables, markers, simulator(model, groutedAt, event(model.path("developingVoid"), start, storySpeedUp)),
                model, groutedAt, storySpeedUp);
    }

    record Marker(String code, double e, double n) {
    }

    /**
     * @param start         the feed's start: the developing event's story begins here
     * @param groutedAt     Knothe time zero of the residual subsidence
     * @param storySpeedUp  compresses the live part of the event (1: real time)
     */
    static DemoSite load(RestClient api, ObjectMapper mapper, Path siteFolder, String projectCode, Instant start, Instant groutedAt,
            double storySpeedUp) throws Exception {
        JsonNode projects = api.get().uri("/api/v1/projects?code={code}", projectCode).retrieve().body(JsonNode.class);
        if (projects == null || projects.isEmpty()) {
            throw new IllegalStateException("project " + projectCode + " is not visible to the demo feed");
        }
        long projectId = projects.get(0).get("id").asLong();
        List<SimulatedCable> cables = new ArrayList<>();
        for (JsonNode f : api.get().uri("/api/v1/projects/{id}/cables", projectId).retrieve().body(JsonNode.class).path("features")) {
            JsonNode detail = api.get().uri("/api/v1/cables/{id}", f.get("id").asLong()).retrieve().body(JsonNode.class);
            cables.add(cable(detail));
        }
        List<Marker> markers = new ArrayList<>();
        for (JsonNode s : api.get().uri("/api/v1/projects/{id}/sensors", projectId).retrieve().body(JsonNode.class)) {
            if ("settlement-marker".equals(s.path("type").asString())) {
                double[] en = GaussKruger.toCm117(s.get("lon").asDouble(), s.get("lat").asDouble());
                markers.add(new Marker(s.get("code").asString(), en[0], en[1]));
            }
        }
        JsonNode model = mapper.readTree(Files.readString(siteFolder.resolve("subsidence.json")));
        return new DemoSite(projectId, cables, markers, simulator(model, groutedAt, event(model.path("developingVoid"), start, storySpeedUp)),
                model, groutedAt, storySpeedUp);
    }

    private static SimulatedCable cable(JsonNode feature) {
        JsonNode p = feature.get("properties");
        List<Calibration.Point> points = new ArrayList<>();
        for (JsonNode c : p.path("calibration")) {
            points.add(new Calibration.Point(c.get("fiberDistanceM").asDouble(), c.get("chainageM").asDouble()));
        }
        Calibration calibration = Calibration.of(points);
        JsonNode geometry = feature.get("geometry");
        boolean borehole = "borehole".equals(p.get("installation").asString());
        List<double[]> route = new ArrayList<>();
        JsonNode coordinates = geometry.get("coordinates");
        if (borehole) {
            route.add(GaussKruger.toCm117(coordinates.get(0).asDouble(), coordinates.get(1).asDouble()));
        } else {
            coordinates.forEach(c -> route.add(GaussKruger.toCm117(c.get(0).asDouble(), c.get(1).asDouble())));
        }
        double baseline = p.path("baselineTemperatureC").isNumber() ? p.get("baselineTemperatureC").asDouble() : 15.0;
        return new SimulatedCable(p.get("code").asString(), borehole, route.toArray(double[][]::new),
                borehole ? p.get("routeLengthM").asDouble() : 0, p.get("fiberLengthM").asDouble(),
                d -> calibration.chainageAt(d).orElse(Double.NaN), p.get("couplingCoefficient").asDouble(), baseline,
                "none".equals(p.get("compensation").asString()) ? 0 : p.get("tempCoefficientUePerC").asDouble());
    }

    /** The local event of {@code subsidence.json}, or null when it describes none. */
    private static DevelopingVoid event(JsonNode v, Instant start, double storySpeedUp) {
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        List<double[]> bowls = new ArrayList<>();
        for (JsonNode b : v.get("bowls")) {
            bowls.add(new double[] {b.get("radiusM").asDouble(), b.get("share").asDouble()});
        }
        Duration tau = Duration.ofMillis(Math.round(v.get("timeConstantMinutes").asDouble() * 60_000 / storySpeedUp));
        return new DevelopingVoid(v.get("centreE").asDouble(), v.get("centreN").asDouble(), bowls, v.get("b").asDouble(),
                start.minus(Duration.ofDays(v.get("onsetDaysBeforeStart").asLong())), start, v.get("depthAtStartMm").asDouble(),
                v.get("finalDepthMm").asDouble(), tau);
    }

    private static SiteSimulator simulator(JsonNode m, Instant groutedAt, DevelopingVoid event) {
        ProbabilityIntegral full = ProbabilityIntegral.of(m.get("seamThicknessM").asDouble(), m.get("q").asDouble(),
                m.get("dipDeg").asDouble(), m.get("depthM").asDouble(), m.get("tanBeta").asDouble(), m.get("b").asDouble());
        ProbabilityIntegral residual = new ProbabilityIntegral(full.w0Mm() * m.get("residualShare").asDouble(), full.rM(), full.b());
        List<StripPanel> panels = new ArrayList<>();
        for (JsonNode p : m.get("panels")) {
            panels.add(new StripPanel(p.get("name").asString(), p.get("uFrom").asDouble(), p.get("uTo").asDouble(),
                    p.get("vFrom").asDouble(), p.get("vTo").asDouble()));
        }
        JsonNode frame = m.get("frame");
        SubsidenceField field = new SubsidenceField(residual, panels, m.get("inflectionOffsetM").asDouble(),
                frame.get("originE").asDouble(), frame.get("originN").asDouble(), frame.get("rotationDeg").asDouble());
        return new SiteSimulator(field, new KnotheTime(m.get("knotheCPerDay").asDouble()), groutedAt, 7300, event);
    }
}
