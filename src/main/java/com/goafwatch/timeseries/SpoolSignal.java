package com.goafwatch.timeseries;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Wakes the drainer when a batch is committed, instead of it polling the folder; and the status publisher when the
 * backlog changed (a batch committed, drained or refused, a write failed).
 */
@Component
class SpoolSignal {

    private final Semaphore permits = new Semaphore(0);
    private final Semaphore changes = new Semaphore(0);

    void wake() {
        permits.release();
        changes.release();
    }

    void statusChanged() {
        changes.release();
    }

    /** Waits for a change of the backlog, at most {@code millis}. */
    void awaitStatusChange(long millis) throws InterruptedException {
        if (changes.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            changes.drainPermits();
        }
    }

    void await(long millis) throws InterruptedException {
        if (permits.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
