package com.goafwatch.ingest;

import org.springframework.http.HttpStatus;

import com.goafwatch.system.ApiException;

/** A request with more rows than {@code goafwatch.ingest.max-rows}: refused whole (the batch is discarded). */
final class TooManyRows {

    private TooManyRows() {
    }

    static ApiException of(long limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too-many-rows", "Too many rows",
                "the request holds more than " + limit + " samples or readings (goafwatch.ingest.max-rows); split it; nothing was stored")
                .with("limitRows", limit);
    }
}
