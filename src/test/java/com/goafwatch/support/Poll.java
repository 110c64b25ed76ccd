package com.goafwatch.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition with a deadline sized for a loaded machine, never a fixed sleep that hopes. */
public final class Poll {

    private Poll() {
    }

    /** Polls {@code condition} every {@code everyMillis} until it holds; fails naming {@code what} after {@code deadline}. */
    public static void until(String what, Duration deadline, long everyMillis, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline.toSeconds() + " s: " + what);
            }
            pause(everyMillis);
        }
    }

    /** The pause between two polls. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
