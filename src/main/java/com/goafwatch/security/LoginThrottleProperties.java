package com.goafwatch.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * Failed sign-ins allowed before the next attempt must wait, per user name and per client address, over a minute and
 * over an hour (two token buckets each: the waits grow from seconds to minutes as failures go on). 0 switches a tier
 * off. Applies to the login form, HTTP Basic and API tokens (tokens count per address only).
 *
 * @param perUserPerMinute    failures of one user name refilled over a minute
 * @param perUserPerHour      failures of one user name refilled over an hour
 * @param perAddressPerMinute failures from one client address refilled over a minute
 * @param perAddressPerHour   failures from one client address refilled over an hour
 */
@Validated
@ConfigurationProperties("goafwatch.security.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("5") @Min(0) int perUserPerMinute,
        @DefaultValue("20") @Min(0) int perUserPerHour,
        @DefaultValue("20") @Min(0) int perAddressPerMinute,
        @DefaultValue("100") @Min(0) int perAddressPerHour) {
}
