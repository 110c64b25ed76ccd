package com.goafwatch.fiber;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.geo.FeatureError;
import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.project.ProjectExtentCheck;
import com.goafwatch.system.ApiException;

import tools.jackson.databind.JsonNode;

/** Creates cables and sets calibrations, keeping the parcel intervals in the same transaction. */
@Service
public class CableService {

    private final CableRepository cables;
    private final IntervalRefresher refresher;

    private final ProjectExtentCheck extentCheck;

    CableService(CableRepository cables, IntervalRefresher refresher, ProjectExtentCheck extentCheck) {
        this.cables = cables;
        this.refresher = refresher;
        this.extentCheck = extentCheck;
    }

    @Transactional
    public long create(long projectId, JsonNode feature, SupportedCrs crs) {
        CableParser.Result result = CableParser.parse(0, feature, crs);
        if (result.draft() == null) {
            throw ApiException.unprocessable("invalid-features", "Invalid cable", "the cable is invalid; nothing was written")
                    .with("errors", result.errors());
        }
        extentCheck.refusal(projectId, result.draft().geometry(), result.draft().srid()).ifPresent(reason -> {
            throw ApiException.unprocessable("invalid-features", "Invalid cable", "the cable is invalid; nothing was written")
                    .with("errors", List.of(new FeatureError(0, result.draft().code(), reason)));
        });
        if (cables.findByCode(projectId, result.draft().code()).isPresent()) {
            throw ApiException.conflict("duplicate-code", "cable '" + result.draft().code() + "' already exists in the project");
        }
        long id = cables.insert(projectId, result.draft());
        refresher.refresh(cables.findById(id).orElseThrow());
        return id;
    }

    /**
     * Replaces the calibration. Body: {@code {"points": [{"fiberDistanceM": 35, "chainageM": 0, "note": "..."}, ...]}};
     * an empty list returns the cable to the identity calibration.
     */
    @Transactional
    public void setCalibration(long cableId, JsonNode body) {
        Cable cable = cables.findById(cableId).orElseThrow(() -> ApiException.notFound("cable", cableId));
        List<Calibration.Point> points = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<FeatureError> errors = new ArrayList<>();
        JsonNode list = body.path("points");
        if (!list.isArray()) {
            throw ApiException.badRequest("invalid-body", "body must be {\"points\": [{\"fiberDistanceM\": …, \"chainageM\": …}, …]}");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            if (!p.path("fiberDistanceM").isNumber() || !p.path("chainageM").isNumber()) {
                errors.add(new FeatureError(i, null, "fiberDistanceM and chainageM must be numbers"));
                continue;
            }
            Calibration.Point point = new Calibration.Point(p.get("fiberDistanceM").asDouble(), p.get("chainageM").asDouble());
            if (point.fiberDistanceM() > cable.fiberLengthM()) {
                errors.add(new FeatureError(i, null, "fiber distance " + point.fiberDistanceM() + " m is past the fiber length "
                        + cable.fiberLengthM() + " m"));
            }
            if (point.chainageM() > cable.routeLengthM() + 0.5) {
                errors.add(new FeatureError(i, null, "chainage " + point.chainageM() + " m is past the route length "
                        + Math.round(cable.routeLengthM() * 100) / 100.0 + " m"));
            }
            points.add(point);
            notes.add(p.path("note").asString(null));
        }
        if (errors.isEmpty() && !points.isEmpty()) {
            try {
                Calibration.of(points);
            } catch (IllegalArgumentException e) {
                errors.add(new FeatureError(-1, null, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-calibration", "Invalid calibration", "the calibration is invalid; nothing was changed")
                    .with("errors", errors);
        }
        cables.replaceCalibration(cableId, points, notes);
        refresher.refresh(cable);
    }
}
