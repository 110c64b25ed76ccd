package com.goafwatch.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The latest flags per project and parcel (value, level, evidence of every effective rule) and each
 * project's last cycle report: what the API shows between cycles. Values are not stored in PostGIS —
 * only transitions are — so after a restart the board fills again with the first cycle.
 */
@Component
class FlagBoard {

    private final Map<Long, Map<Long, Map<Long, Flag>>> flags = new ConcurrentHashMap<>();
    private final Map<Long, CycleReport> reports = new ConcurrentHashMap<>();
    /** The statements of each project's last cycle, per round trip: the benchmark replays them bare. */
    private final Map<Long, List<List<String>>> statements = new ConcurrentHashMap<>();

    Map<Long, Flag> flags(long projectId, long parcelId) {
        return flags.getOrDefault(projectId, Map.of()).getOrDefault(parcelId, Map.of());
    }

    void publish(long projectId, Map<Long, Map<Long, Flag>> byParcel) {
        flags.computeIfAbsent(projectId, k -> new ConcurrentHashMap<>()).putAll(byParcel);
    }

    /** InfluxDB could not be read: the flags stay as they were, marked so. */
    void markUnavailable(long projectId, Set<Long> parcels) {
        // copy on write: readers may be iterating the old map
        Map<Long, Map<Long, Flag>> project = flags.get(projectId);
        if (project == null) {
            return;
        }
        project.replaceAll((parcel, byRule) -> {
            if (!parcels.contains(parcel)) {
                return byRule;
            }
            Map<Long, Flag> marked = new LinkedHashMap<>();
            byRule.forEach((rule, f) -> marked.put(rule, f.withDataSource("unavailable")));
            return marked;
        });
    }

    CycleReport report(CycleReport r, List<List<String>> cycleStatements) {
        reports.put(r.projectId(), r);
        statements.put(r.projectId(), cycleStatements);
        return r;
    }

    CycleReport lastReport(long projectId) {
        return reports.get(projectId);
    }

    List<List<String>> lastStatements(long projectId) {
        return statements.getOrDefault(projectId, List.of());
    }
}
