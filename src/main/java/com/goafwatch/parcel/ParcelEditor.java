package com.goafwatch.parcel;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.phase.Phase;
import com.goafwatch.phase.PhaseRepository;
import com.goafwatch.system.ApiException;

import tools.jackson.databind.JsonNode;

/** Single-parcel create, update and delete, with the same checks as imports plus status transitions. */
@Service
class ParcelEditor {

    private final ParcelRepository parcels;
    private final PhaseRepository phases;
    private final ApplicationEventPublisher events;
    private final ParcelPlausibility plausibility;

    ParcelEditor(ParcelRepository parcels, PhaseRepository phases, ApplicationEventPublisher events, ParcelPlausibility plausibility) {
        this.parcels = parcels;
        this.phases = phases;
        this.events = events;
        this.plausibility = plausibility;
    }

    @Transactional
    long create(long phaseId, JsonNode feature, SupportedCrs crs) {
        Phase phase = phases.findById(phaseId).orElseThrow(() -> ApiException.notFound("phase", phaseId));
        ParcelDraft draft = parse(phase.projectId(), phaseId, true, feature, crs);
        if (!parcels.existingCodes(phase.projectId(), List.of(draft.code())).isEmpty()) {
            throw ApiException.conflict("duplicate-code", "parcel '" + draft.code() + "' already exists in the project");
        }
        long id = parcels.write(phase.projectId(), draft, false).id();
        events.publishEvent(new ParcelsChanged(phase.projectId()));
        return id;
    }

    @Transactional
    void update(long id, JsonNode feature, SupportedCrs crs) {
        ParcelRow current = parcels.findById(id, SupportedCrs.CGCS2000).orElseThrow(() -> ApiException.notFound("parcel", id));
        ParcelDraft draft = parse(current.projectId(), current.phaseId(), false, feature, crs);
        ParcelStatus from = ParcelStatus.parse(current.status()).orElseThrow();
        if (!from.canMoveTo(draft.status())) {
            throw ApiException.conflict("invalid-status-transition", "parcel status cannot change from "
                    + from.dbValue() + " to " + draft.status().dbValue()
                    + " (order: planned → treating → treated → monitoring → accepted/rejected)");
        }
        if (from != draft.status() && (draft.status() == ParcelStatus.ACCEPTED || draft.status() == ParcelStatus.REJECTED)) {
            // the panel's verdict is a recorded decision with its evidence, never a field edit
            throw ApiException.conflict("acceptance-needs-decision", "a parcel becomes " + draft.status().dbValue()
                    + " only through POST /api/v1/parcels/" + id + "/acceptance-decision (who, when, why, on what evidence)");
        }
        parcels.update(id, draft);
        events.publishEvent(new ParcelsChanged(current.projectId()));
    }

    @Transactional
    void delete(long id) {
        ParcelRow current = parcels.findById(id, SupportedCrs.CGCS2000).orElseThrow(() -> ApiException.notFound("parcel", id));
        parcels.delete(id);
        events.publishEvent(new ParcelsChanged(current.projectId()));
    }

    private ParcelDraft parse(long projectId, long defaultPhaseId, boolean phaseFixed, JsonNode feature, SupportedCrs crs) {
        var phaseIds = phases.idsByOrdinal(projectId);
        FeatureParser.Result result = new FeatureParser(crs, phaseIds::get, defaultPhaseId, phaseFixed).parse(0, feature);
        List<com.goafwatch.geo.FeatureError> errors = result.draft() == null ? result.errors()
                : plausibility.check(projectId, List.of(result.draft()));
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-features", "Invalid feature", "the feature is invalid; nothing was written")
                    .with("errors", errors);
        }
        return result.draft();
    }

}
