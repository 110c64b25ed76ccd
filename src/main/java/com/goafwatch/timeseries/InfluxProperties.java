package com.goafwatch.timeseries;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * InfluxDB connection (v1 HTTP API).
 *
 * @param url             base URL; default the project-local server started by scripts/run-demo.sh
 * @param database        database (1.x) or DBRP-mapped bucket (2.x/3.x); an InfluxQL identifier
 * @param retentionPolicy retention policy created at start-up on 1.x
 * @param retention       how long raw samples are kept; {@code 0s} keeps them forever
 * @param username        optional (v1 auth, or 2.x user with a token as password); from the environment
 * @param password        optional, from the environment (GOAFWATCH_INFLUX_PASSWORD)
 * @param connectTimeout  TCP connect timeout
 * @param readTimeout     response timeout for a single call
 * @param manageSchema    create the database and retention policy at start-up (InfluxDB 1.x); set false for
 *                        2.x/3.x, whose v1 API has no InfluxQL DDL: there the bucket and its DBRP mapping are
 *                        created by the operator
 */
@Validated
@ConfigurationProperties("goafwatch.influx")
public record InfluxProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8186") URI url,
        @NotNull @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}") @DefaultValue("goafwatch") String database,
        @NotNull @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}") @DefaultValue("raw") String retentionPolicy,
        @NotNull @DefaultValue("0s") Duration retention,
        String username,
        String password,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("true") boolean manageSchema) {
}
