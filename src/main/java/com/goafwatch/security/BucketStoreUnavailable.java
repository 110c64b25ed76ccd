package com.goafwatch.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The answer when the rate-limit and login-throttle buckets cannot be read (they live in PostgreSQL): 503 with
 * Retry-After, as for the user store, rather than letting requests through unthrottled or failing with 500.
 */
final class BucketStoreUnavailable {

    private BucketStoreUnavailable() {
    }

    static void write(ProblemWriter problems, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "10");
        problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                "the rate-limit and sign-in throttle store (PostgreSQL) is not reachable right now; retry shortly");
    }
}
