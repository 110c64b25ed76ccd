package com.goafwatch.acceptance;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

import com.goafwatch.phase.Phase;
import com.goafwatch.phase.PhaseRepository;
import com.goafwatch.system.ApiException;

/** Verdicts of a phase's parcels at a given time, from freshly gathered evidence. */
@Service
public class AcceptanceService {

    /** The verdicts together with the evidence they were drawn from (the report shows both). */
    public record Evaluation(PhaseAcceptance acceptance, EvidenceGatherer.PhaseEvidence evidence) {
    }

    private final PhaseRepository phases;
    private final CriteriaRepository criteria;
    private final EvidenceGatherer gatherer;

    AcceptanceService(PhaseRepository phases, CriteriaRepository criteria, EvidenceGatherer gatherer) {
        this.phases = phases;
        this.criteria = criteria;
        this.gatherer = gatherer;
    }

    public AcceptanceCriteria criteria(long projectId) {
        return criteria.of(projectId);
    }

    /** One parcel's verdict, from evidence gathered for that parcel alone. */
    public AcceptanceRules.ParcelVerdict evaluateParcel(long parcelId, Instant at) {
        long phaseId = phases.phaseIdOfParcel(parcelId).orElseThrow(() -> ApiException.notFound("parcel", parcelId));
        Phase phase = phases.findById(phaseId).orElseThrow();
        AcceptanceCriteria c = criteria.of(phase.projectId());
        return gatherer.gather(phase.projectId(), phaseId, parcelId, c, at).parcels().stream().map(e -> AcceptanceRules.judge(e, c))
                .findFirst().orElseThrow();
    }

    public Evaluation evaluate(long phaseId, Instant at) {
        Phase phase = phases.findById(phaseId).orElseThrow(() -> ApiException.notFound("phase", phaseId));
        AcceptanceCriteria c = criteria.of(phase.projectId());
        EvidenceGatherer.PhaseEvidence evidence = gatherer.gather(phase.projectId(), phaseId, c, at);
        List<AcceptanceRules.ParcelVerdict> verdicts = evidence.parcels().stream().map(e -> AcceptanceRules.judge(e, c)).toList();
        double total = verdicts.stream().mapToDouble(AcceptanceRules.ParcelVerdict::areaMu).sum();
        double meets = verdicts.stream().filter(v -> v.verdict() == Verdict.MEETS).mapToDouble(AcceptanceRules.ParcelVerdict::areaMu).sum();
        Verdict verdict = Verdict.combine(verdicts.stream().map(AcceptanceRules.ParcelVerdict::verdict).toList());
        return new Evaluation(new PhaseAcceptance(phase.projectId(), phaseId, phase.ordinal(), phase.name(), phase.status(), verdict,
                verdicts.size(), total, meets, evidence.from(), evidence.to(), c, verdicts), evidence);
    }
}
