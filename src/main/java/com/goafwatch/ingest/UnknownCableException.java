package com.goafwatch.ingest;

import com.goafwatch.system.ApiException;

/** Sensor data for a cable the project does not have. */
final class UnknownCableException {

    private UnknownCableException() {
    }

    static ApiException of(String code) {
        return ApiException.unprocessable("unknown-cable", "Unknown cable", "the project has no cable '" + code
                + "'; register it first (POST /api/v1/projects/{id}/cables)").with("cable", code);
    }
}
