package com.goafwatch.timeseries;

import org.springframework.http.HttpStatus;

import com.goafwatch.system.ApiException;

/** The spool's disk quota is used up (InfluxDB has been away long enough); the client must retry later. */
public class SpoolFullException extends ApiException {

    public SpoolFullException(long quotaBytes) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "spool-full", "Ingestion backlog full",
                "InfluxDB is behind and the spool quota of " + quotaBytes + " bytes is used up; nothing of this batch was "
                        + "kept. Retry later (goafwatch.spool.max-size)");
        with("retryAfterSeconds", 60);
    }
}
