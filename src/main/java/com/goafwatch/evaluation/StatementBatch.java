package com.goafwatch.evaluation;

import java.util.ArrayList;
import java.util.List;

import com.goafwatch.timeseries.InfluxClient;
import com.goafwatch.timeseries.InfluxSeries;

import tools.jackson.databind.JsonNode;

/**
 * InfluxQL statements of one evaluation step, sent in one round trip. Each {@link #add} returns a
 * handle to read that statement's series after {@link #run}. Times the round trip, so the service's own
 * share of a cycle can be reported.
 */
final class StatementBatch {

    private final List<String> statements = new ArrayList<>();
    private JsonNode response;
    private long nanos;

    int add(String statement) {
        statements.add(statement);
        return statements.size() - 1;
    }

    boolean isEmpty() {
        return statements.isEmpty();
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    void run(InfluxClient influx) {
        if (statements.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        response = influx.queryAll(statements);
        nanos = System.nanoTime() - t0;
    }

    List<InfluxSeries> series(int handle) {
        return response == null ? List.of() : InfluxSeries.of(response, handle);
    }

    long nanos() {
        return nanos;
    }
}
