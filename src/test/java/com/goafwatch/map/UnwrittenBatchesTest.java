package com.goafwatch.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Acceptance and write of a spool batch arrive in either order (the drainer is woken by the spool commit, the ingesting
 * thread announces the acceptance after it): every accepted batch must reach the pages once, and without waiting for
 * a later batch's write.
 */
class UnwrittenBatchesTest {

    @Test
    void aBatchAcceptedBeforeItsWriteIsToldWhenWritten() {
        UnwrittenBatches batches = new UnwrittenBatches();
        assertThat(batches.accepted(5, 100)).isEmpty();
        assertThat(batches.written(4)).isEmpty();
        assertThat(batches.written(5)).containsExactly(100L);
        assertThat(batches.written(6)).as("told once").isEmpty();
    }

    @Test
    void aBatchTheDrainerWroteBeforeItsAcceptanceIsToldAtOnce() {
        UnwrittenBatches batches = new UnwrittenBatches();
        assertThat(batches.written(7)).isEmpty();
        assertThat(batches.accepted(7, 100)).as("already written: now, not at the next write").contains(100L);
        assertThat(batches.accepted(6, 200)).as("an earlier batch is written too").contains(200L);
        assertThat(batches.accepted(8, 300)).as("a later batch waits for its write").isEmpty();
        assertThat(batches.written(8)).containsExactly(300L);
    }

    @Test
    void oneWriteCompletesEveryEarlierBatchAndLeavesLaterOnesWaiting() {
        UnwrittenBatches batches = new UnwrittenBatches();
        batches.accepted(1, 100);
        batches.accepted(2, 200);
        batches.accepted(3, 100);
        batches.accepted(9, 300);
        assertThat(batches.written(3)).containsExactlyInAnyOrder(100L, 200L);
        assertThat(batches.written(8)).isEmpty();
        assertThat(batches.written(9)).containsExactly(300L);
    }

    /** Two threads racing as the ingesting thread and the drainer do: each batch (its own project here) told exactly once. */
    @Test
    void racingAcceptanceAndWritesTellEveryBatchExactlyOnce() throws Exception {
        int n = 200_000;
        UnwrittenBatches batches = new UnwrittenBatches();
        Map<Long, AtomicInteger> told = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        Thread ingesting = new Thread(() -> {
            await(start);
            for (long b = 0; b < n; b++) {
                batches.accepted(b, b).ifPresent(p -> count(told, p));
            }
        });
        Thread drainer = new Thread(() -> {
            await(start);
            for (long b = 0; b < n; b++) {
                batches.written(b).forEach(p -> count(told, p));
            }
        });
        ingesting.start();
        drainer.start();
        start.countDown();
        ingesting.join();
        drainer.join();
        assertThat(told).hasSize(n);
        assertThat(told.values().stream().map(AtomicInteger::get).collect(java.util.stream.Collectors.toSet())).isEqualTo(Set.of(1));
    }

    private static void count(Map<Long, AtomicInteger> told, long project) {
        told.computeIfAbsent(project, p -> new AtomicInteger()).incrementAndGet();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
