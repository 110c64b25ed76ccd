package com.goafwatch.demo;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo feed.
 *
 * @param enabled        run it (the demo profile does; off by default)
 * @param target         base URL of the service to feed; empty: this service itself
 * @param projectCode    project to feed
 * @param backfill       how far back the simulated clock starts, so a new user sees history at once
 * @param speedUp        simulated seconds per real second while catching up with the present
 * @param traceInterval  simulated time between traces while catching up
 * @param liveInterval   time between traces once caught up (real time)
 * @param spacing        fiber sampling interval, metres
 * @param settlingAge    time since the end of grouting at the present (Knothe time zero = now − settlingAge)
 */
@ConfigurationProperties("goafwatch.demo-feed")
public record DemoFeedProperties(
        @DefaultValue("false") boolean enabled,
        URI target,
        @DefaultValue("RENCHENG-DEMO") String projectCode,
        @DefaultValue("2d") Duration backfill,
        @DefaultValue("720") double speedUp,
        @DefaultValue("30m") Duration traceInterval,
        @DefaultValue("2m") Duration liveInterval,
        @DefaultValue("2.0") double spacing,
        @DefaultValue("20d") Duration settlingAge) {
}
