package com.goafwatch.levelling;

import java.time.Instant;

/**
 * What the uploader says about a run: raw format ({@code gsi}, {@code dini} or {@code auto}), levelling order,
 * terrain ({@code plain}/{@code mountain}), how to distribute the misclosure, observer, instrument (type and
 * serial) and when it was observed (the time of the settlement readings).
 */
record RunRequest(String format, LevellingOrder order, boolean mountain, RunAdjustment.Distribution distribution, String observer,
        String instrument, Instant observedAt) {
}
