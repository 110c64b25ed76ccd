package com.goafwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

/** An API token made through the admin API for a test: its id, its secret and a client that sends it. */
public record ApiToken(long id, String secret, HttpApi api) {

    /** A viewer token of one project, valid for a day, made by {@code admin} and sent to the same server. */
    public static ApiToken viewer(HttpApi admin, long projectId, String name) {
        var created = admin.postJson("/api/v1/admin/tokens", """
                {"name": "%s-%d", "role": "viewer", "projectId": %d, "validDays": 1}""".formatted(name, projectId, projectId));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.json("$.secret");
        return new ApiToken(((Number) created.json("$.token.id")).longValue(), secret, admin.bearer(secret));
    }
}
