package com.goafwatch.demo;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo feed. Its intervals are the demo site's monitoring cadence: the expected reading interval of
 * its cables ({@code backfillTraceInterval} in the history, {@code liveInterval} once live) and of its
 * settlement markers ({@code levellingInterval}, half-monthly as GB 51180-2016 ch. 12 asks).
 *
 * @param enabled               run it (the demo profile does; off by default)
 * @param target                base URL of the service to feed live; empty: this service itself
 * @param projectCode           project to feed
 * @param backfill              how much history is written at start, in bulk through the ingestion path
 * @param backfillTraceInterval time between the traces of the history (interrogator schedule)
 * @param backfillSpacing       fiber sampling interval of the history, metres
 * @param levellingInterval     time between levellings of the settlement markers
 * @param liveInterval          time between traces once live (real time)
 * @param spacing               fiber sampling interval of the live traces, metres
 * @param settlingAge           time since the end of grouting at the start (Knothe time zero = start − settlingAge)
 * @param storySpeedUp          how much faster than real time the live part of the developing event unfolds
 *                              (1 in the demo; tests compress it)
 */
@ConfigurationProperties("goafwatch.demo-feed")
public record DemoFeedProperties(
        @DefaultValue("false") boolean enabled,
        URI target,
        @DefaultValue("RENCHENG-DEMO") String projectCode,
        @DefaultValue("270d") Duration backfill,
        @DefaultValue("1d") Duration backfillTraceInterval,
        @DefaultValue("5.0") double backfillSpacing,
        @DefaultValue("15d") Duration levellingInterval,
        @DefaultValue("1m") Duration liveInterval,
        @DefaultValue("2.0") double spacing,
        @DefaultValue("300d") Duration settlingAge,
        @DefaultValue("1.0") double storySpeedUp) {
}
