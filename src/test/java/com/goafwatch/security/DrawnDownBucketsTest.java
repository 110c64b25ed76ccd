package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.Poll;
import com.goafwatch.support.TestClock;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * The login throttle's cheap pre-check ({@link PostgresBucketStore#anyDrawnDown}) against what bucket4j itself reports
 * for the same buckets in PostgreSQL: it may answer "maybe drawn down" for a full bucket, but never "full" for a bucket
 * bucket4j says is drawn down, on the system clock and on a clock held still or moved by hand. The same check as a
 * condition of another statement ({@link PostgresBucketStore#noneDrawnDown}, run here on the application's connections)
 * is asked at every step too: made before the pre-check, it never says "none drawn down" where the pre-check says
 * "drawn down".
 */
class DrawnDownBucketsTest extends IntegrationTest {

    private static final BucketConfiguration ONE_PER_SECOND = BucketConfiguration.builder()
            .addLimit(l -> l.capacity(2).refillGreedy(2, Duration.ofSeconds(2))).build();
    private static final BucketConfiguration FIVE_PER_MINUTE = BucketConfiguration.builder()
            .addLimit(l -> l.capacity(5).refillGreedy(5, Duration.ofMinutes(1))).build();

    @Autowired
    DataSource dataSource;

    @Test
    void onTheSystemClockABucketIsDrawnDownUntilItHasRefilled() {
        PostgresBucketStore store = store(Clock.systemUTC());
        try {
            String a = key("sys-a");
            String b = key("sys-b");
            assertThat(drawnDown(store, List.of(a, b))).as("no rows yet").isFalse();
            Bucket bucketA = store.bucket(a, () -> ONE_PER_SECOND);
            Bucket bucketB = store.bucket(b, () -> ONE_PER_SECOND);
            assertThat(bucketB.getAvailableTokens()).isEqualTo(2);
            assertThat(drawnDown(store, List.of(a, b))).as("b read, full; a never used").isFalse();

            assertThat(bucketA.tryConsume(2)).isTrue();
            assertThat(drawnDown(store, List.of(a, b))).as("a emptied").isTrue();
            assertThat(drawnDown(store, List.of(b))).isFalse();
            // time refills it (2 s); the pre-check turns "full" only once bucket4j agrees
            Poll.until("the emptied bucket refilled", Duration.ofMinutes(2), 100, () -> !drawnDown(store, List.of(a)));
            assertThat(bucketA.getAvailableTokens()).as("full when the pre-check says so").isEqualTo(2);
        } finally {
            store.destroy();
        }
    }

    @Test
    void aClockHeldStillOrMovedByHandNeverMakesADrawnDownBucketLookFull() {
        for (Instant start : List.of(Instant.parse("2020-01-01T00:00:00Z"), Instant.now(), Instant.parse("2031-03-01T00:00:00Z"))) {
            TestClock clock = new TestClock(start);
            PostgresBucketStore store = store(clock);
            try {
                String a = key("held-a");
                Bucket bucketA = store.bucket(a, () -> FIVE_PER_MINUTE);
                assertThat(bucketA.tryConsume(2)).isTrue();
                for (int step = 0; step < 4; step++) {
                    long available = bucketA.getAvailableTokens();
                    if (available < 5) {
                        assertThat(drawnDown(store, List.of(a))).as("clock from %s, step %d, %d tokens", start, step, available).isTrue();
                    }
                    clock.advance(Duration.ofSeconds(10)); // one token back every 12 s: full at 24 s
                }
                assertThat(bucketA.getAvailableTokens()).isEqualTo(5);
            } finally {
                store.destroy();
            }
        }
    }

    /** The pre-check's answer, after checking that the statement condition made just before it does not contradict it. */
    private boolean drawnDown(PostgresBucketStore store, List<String> keys) {
        BucketStore.SqlCondition none = store.noneDrawnDown(keys).orElseThrow();
        boolean preCheck = store.anyDrawnDown(keys);
        boolean conditionSaysNone = jdbc.sql("SELECT " + none.sql()).params(none.params()).query(Boolean.class).single();
        if (preCheck) {
            assertThat(conditionSaysNone).as("the statement condition for %s, where the pre-check says drawn down", keys).isFalse();
        }
        return preCheck;
    }

    private PostgresBucketStore store(Clock clock) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", clock);
        return new PostgresBucketStore(dataSource, beans.getBeanProvider(Clock.class));
    }

    private static String key(String name) {
        return "test-drawn:" + name + ":" + System.nanoTime();
    }
}
