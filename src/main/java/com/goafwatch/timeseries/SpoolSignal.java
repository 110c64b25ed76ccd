package com.goafwatch.timeseries;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/** Wakes the drainer when a batch is committed, instead of it polling the folder. */
@Component
class SpoolSignal {

    private final Semaphore permits = new Semaphore(0);

    void wake() {
        permits.release();
    }

    void await(long millis) throws InterruptedException {
        if (permits.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
