package com.goafwatch.panel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.geo.FeatureError;
import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.project.ProjectExtentCheck;
import com.goafwatch.system.ApiException;

import tools.jackson.databind.JsonNode;

/**
 * All-or-nothing panel import: every feature is checked first (name, seam thickness, depth, Polygon geometry in the
 * declared CRS's range, OGC validity, names unique in the batch and, unless replacing, in the project); any failure
 * refuses the whole batch with every bad feature named and nothing written. {@code replace} swaps the project's
 * panels for the file's in the same transaction.
 */
@Service
public class PanelImporter {

    /** A mining area has tens of panels, not thousands; a bigger file is a wrong file. */
    static final int MAX_FEATURES = 2000;

    private final PanelRepository panels;

    private final ProjectExtentCheck extentCheck;

    PanelImporter(PanelRepository panels, ProjectExtentCheck extentCheck) {
        this.panels = panels;
        this.extentCheck = extentCheck;
    }

    public record Imported(int index, String name, long id) {
    }

    public record Result(int created, int replaced, List<Imported> panels) {
    }

    @Transactional
    public Result importCollection(long projectId, JsonNode collection, SupportedCrs crs, boolean replace) {
        JsonNode features = featuresOf(collection);
        PanelFeatureParser parser = new PanelFeatureParser(crs);
        List<PanelDraft> drafts = new ArrayList<>();
        List<FeatureError> errors = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            PanelFeatureParser.Result r = parser.parse(i, features.get(i));
            errors.addAll(r.errors());
            if (r.draft() != null) {
                String code = r.draft().name();
                int index = i;
                extentCheck.refusal(projectId, r.draft().geometry(), r.draft().srid())
                        .ifPresent(reason -> errors.add(new FeatureError(index, code, reason)));
                drafts.add(r.draft());
            }
        }
        errors.addAll(duplicateNames(projectId, drafts, replace));
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(FeatureError::index));
            long bad = errors.stream().mapToInt(FeatureError::index).distinct().count();
            throw ApiException.unprocessable("invalid-features", "Invalid features",
                    bad + " of " + features.size() + " panel feature(s) are invalid; nothing was imported").with("errors", errors);
        }
        int replaced = replace ? panels.deleteAll(projectId) : 0;
        List<Imported> written = new ArrayList<>();
        for (PanelDraft d : drafts) {
            written.add(new Imported(d.index(), d.name(), panels.insert(projectId, d)));
        }
        return new Result(written.size(), replaced, written);
    }

    private List<FeatureError> duplicateNames(long projectId, List<PanelDraft> drafts, boolean replace) {
        List<FeatureError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PanelDraft d : drafts) {
            if (!seen.add(d.name())) {
                errors.add(new FeatureError(d.index(), d.name(), "duplicate panel name '" + d.name() + "' within this batch"));
            }
        }
        if (!replace) {
            Set<String> existing = panels.existingNames(projectId, seen);
            for (PanelDraft d : drafts) {
                if (existing.contains(d.name())) {
                    errors.add(new FeatureError(d.index(), d.name(), "panel '" + d.name()
                            + "' already exists in the project (use replace=true to replace the project's panels)"));
                }
            }
        }
        return errors;
    }

    private static JsonNode featuresOf(JsonNode collection) {
        if (collection == null || !collection.isObject() || !"FeatureCollection".equals(collection.path("type").asString(""))) {
            throw malformed("body must be a GeoJSON FeatureCollection (\"type\": \"FeatureCollection\")");
        }
        JsonNode features = collection.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw malformed("FeatureCollection has no \"features\" array with at least one panel");
        }
        if (features.size() > MAX_FEATURES) {
            throw ApiException.unprocessable("too-many-features", "Too many features",
                    features.size() + " panels in one file; at most " + MAX_FEATURES);
        }
        return features;
    }

    private static ApiException malformed(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed-geojson", "Malformed GeoJSON", detail);
    }
}
