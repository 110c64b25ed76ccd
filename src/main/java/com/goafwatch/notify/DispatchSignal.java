package com.goafwatch.notify;

import org.springframework.stereotype.Component;

/** Wakes the dispatcher when deliveries were committed, so notifications leave at once rather than at the next poll. */
@Component
class DispatchSignal {

    private final Object lock = new Object();
    private boolean woken;

    void wake() {
        synchronized (lock) {
            woken = true;
            lock.notifyAll();
        }
    }

    void await(long millis) throws InterruptedException {
        synchronized (lock) {
            if (!woken) {
                lock.wait(millis);
            }
            woken = false;
        }
    }
}
