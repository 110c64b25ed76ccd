package com.goafwatch.parcel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.geo.FeatureError;
import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.phase.PhaseRepository;
import com.goafwatch.system.ApiException;

import tools.jackson.databind.JsonNode;

/**
 * All-or-nothing parcel import. Every feature is validated first (structure, code, phase, status,
 * geometry type, CRS range, OGC validity, duplicate codes); if any fails, the whole batch is refused
 * with every bad feature listed and nothing is written. Otherwise all parcels are written in one
 * transaction, which a database-side failure rolls back as a whole.
 */
@Service
public class ParcelImporter {

    private final ParcelRepository parcels;
    private final PhaseRepository phases;
    private final ApplicationEventPublisher events;
    private final ParcelPlausibility plausibility;

    ParcelImporter(ParcelRepository parcels, PhaseRepository phases, ApplicationEventPublisher events, ParcelPlausibility plausibility) {
        this.parcels = parcels;
        this.phases = phases;
        this.events = events;
        this.plausibility = plausibility;
    }

    @Transactional
    public ImportResult importCollection(long projectId, JsonNode collection, SupportedCrs crs, ImportMode mode) {
        JsonNode features = featuresOf(collection);
        plausibility.requireImportSize(features.size());
        Map<Integer, Long> phaseIds = phases.idsByOrdinal(projectId);
        FeatureParser parser = new FeatureParser(crs, phaseIds::get, null, false);
        List<ParcelDraft> drafts = new ArrayList<>();
        List<FeatureError> errors = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            FeatureParser.Result result = parser.parse(i, features.get(i));
            errors.addAll(result.errors());
            if (result.draft() != null) {
                drafts.add(result.draft());
            }
        }
        errors.addAll(plausibility.check(projectId, drafts));
        errors.addAll(duplicateCodes(projectId, drafts, mode));
        errors.addAll(verdictsNeedDecisions(projectId, drafts));
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(FeatureError::index));
            long badFeatures = errors.stream().mapToInt(FeatureError::index).distinct().count();
            throw ApiException.unprocessable("invalid-features", "Invalid features",
                    badFeatures + " of " + features.size() + " feature(s) are invalid; nothing was imported")
                    .with("errors", errors);
        }
        ImportResult result = write(projectId, drafts, mode == ImportMode.UPSERT);
        events.publishEvent(new ParcelsChanged(projectId));
        return result;
    }

    private ImportResult write(long projectId, List<ParcelDraft> drafts, boolean upsert) {
        List<ImportResult.ImportedParcel> written = new ArrayList<>();
        int created = 0;
        for (ParcelDraft draft : drafts) {
            ParcelRepository.WriteOutcome outcome = parcels.write(projectId, draft, upsert);
            created += outcome.inserted() ? 1 : 0;
            written.add(new ImportResult.ImportedParcel(draft.index(), draft.code(), outcome.id(), outcome.inserted()));
        }
        return new ImportResult(created, drafts.size() - created, written);
    }

    /** Accepted and rejected are the panel's recorded decisions: an import may keep them, never set them. */
    private List<FeatureError> verdictsNeedDecisions(long projectId, List<ParcelDraft> drafts) {
        Map<String, String> stored = parcels.statuses(projectId, drafts.stream().map(ParcelDraft::code).toList());
        List<FeatureError> errors = new ArrayList<>();
        for (ParcelDraft d : drafts) {
            boolean verdict = d.status() == ParcelStatus.ACCEPTED || d.status() == ParcelStatus.REJECTED;
            if (verdict && !d.status().dbValue().equals(stored.get(d.code()))) {
                errors.add(new FeatureError(d.index(), d.code(), "status '" + d.status().dbValue()
                        + "' is set only by a recorded acceptance decision (POST /api/v1/parcels/{id}/acceptance-decision)"));
            }
        }
        return errors;
    }

    private List<FeatureError> duplicateCodes(long projectId, List<ParcelDraft> drafts, ImportMode mode) {
        List<FeatureError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ParcelDraft d : drafts) {
            if (!seen.add(d.code())) {
                errors.add(new FeatureError(d.index(), d.code(), "duplicate code '" + d.code() + "' within this batch"));
            }
        }
        if (mode == ImportMode.CREATE) {
            Set<String> existing = parcels.existingCodes(projectId, seen);
            for (ParcelDraft d : drafts) {
                if (existing.contains(d.code())) {
                    errors.add(new FeatureError(d.index(), d.code(), "duplicate code: parcel '" + d.code()
                            + "' already exists in the project (use mode=upsert to replace it)"));
                }
            }
        }
        return errors;
    }

    private static JsonNode featuresOf(JsonNode collection) {
        if (collection == null || !collection.isObject() || !"FeatureCollection".equals(collection.path("type").asString(""))) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed-geojson", "Malformed GeoJSON",
                    "body must be a GeoJSON FeatureCollection (\"type\": \"FeatureCollection\")");
        }
        JsonNode features = collection.path("features");
        if (!features.isArray()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed-geojson", "Malformed GeoJSON",
                    "FeatureCollection has no \"features\" array");
        }
        if (features.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed-geojson", "Malformed GeoJSON",
                    "FeatureCollection has no features; nothing to import");
        }
        return features;
    }
}
