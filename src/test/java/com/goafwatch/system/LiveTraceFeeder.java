package com.goafwatch.system;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.goafwatch.evaluation.EvaluationSite;
import com.goafwatch.support.Poll;

/**
 * An interrogator on the site's cable T-1 sending a trace stamped "now" every second through the balancer,
 * with ground strain {@link #level} at fiber distance 100 m (parcel A) and 0 elsewhere, until closed. A trace
 * the cluster refused is not resent: the next one follows a second later, as a live instrument's would.
 */
final class LiveTraceFeeder implements AutoCloseable {

    private final EvaluationSite site;
    private final Thread thread;
    private volatile double level;
    private volatile boolean running = true;
    final AtomicInteger sent = new AtomicInteger();

    LiveTraceFeeder(EvaluationSite site, double groundStrainUe) {
        this.site = site;
        this.level = groundStrainUe;
        this.thread = new Thread(this::feed, "live-trace-feeder");
        thread.setDaemon(true);
        thread.start();
    }

    /** From the next trace on, the ground strain at 100 m (µε). */
    void level(double groundStrainUe) {
        level = groundStrainUe;
    }

    private void feed() {
        while (running) {
            try {
                site.send(site.trace(Instant.now().truncatedTo(ChronoUnit.MILLIS), 100, level));
                sent.incrementAndGet();
            } catch (RuntimeException | AssertionError refusedOrCut) {
                // the replica died under the request: the next trace goes to the survivor
            }
            Poll.pause(1000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(200_000);
    }
}
