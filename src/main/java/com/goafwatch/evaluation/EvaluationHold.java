package com.goafwatch.evaluation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Holds this instance's automatic evaluations (scheduled and ingestion-triggered) while something is still putting a
 * site's past into InfluxDB — the demo feed's history. Judging half-way through would call every sensor whose past
 * has not arrived yet silent, and raise no-data alerts for data that is on its way. Requested cycles are not held.
 */
@Component
public class EvaluationHold {

    private final Set<String> holders = ConcurrentHashMap.newKeySet();

    /** @param holder who holds, for the log and for {@link #release} */
    public void hold(String holder) {
        holders.add(holder);
    }

    public void release(String holder) {
        holders.remove(holder);
    }

    boolean held() {
        return !holders.isEmpty();
    }

    Set<String> holders() {
        return Set.copyOf(holders);
    }
}
