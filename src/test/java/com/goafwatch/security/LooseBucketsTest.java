package com.goafwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import com.goafwatch.support.IntegrationTest;
import com.goafwatch.support.TestClock;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;

/**
 * Request buckets shared loosely ({@link PostgresBucketStore#looseBucket}, {@link LooseBuckets}): several stores on the
 * one PostgreSQL, as several instances would be, each admitting up to SLACK requests from its own copy. Whatever order
 * the requests come in, together they admit the whole budget and at most (N − 1) × SLACK more, the bound the README
 * states; what they admitted is all in the shared row afterwards. The clock stands still (then is moved by hand), so
 * the counts are exact on any machine.
 */
class LooseBucketsTest extends IntegrationTest {

    private static final int BUDGET = 100;
    private static final long SLACK = 5;
    private static final BucketConfiguration PER_MINUTE = BucketConfiguration.builder()
            .addLimit(l -> l.capacity(BUDGET).refillGreedy(BUDGET, Duration.ofMinutes(1))).build();

    @Autowired
    DataSource dataSource;

    private final TestClock clock = new TestClock(Instant.parse("2027-05-01T00:00:00Z"));
    private final List<PostgresBucketStore> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(PostgresBucketStore::destroy);
    }

    @Test
    void twoInstancesAdmitTheBudgetAndAtMostOneSlackMoreInAnyOrder() {
        Random seeded = new Random(16);
        List<IntUnaryOperator> orders = List.of(i -> i % 2, i -> i % 4 == 0 ? 1 : 0, i -> (i / 7) % 2, i -> seeded.nextInt(2));
        for (IntUnaryOperator order : orders) {
            List<PostgresBucketStore> two = List.of(store(), store());
            String key = key();
            int admitted = 0;
            for (int i = 0; i < 3 * BUDGET; i++) {
                boolean ok = two.get(order.applyAsInt(i)).looseBucket(key, () -> PER_MINUTE, SLACK).tryConsume(1);
                if (i < BUDGET) {
                    assertThat(ok).as("request %d is within the budget", i + 1).isTrue();
                }
                admitted += ok ? 1 : 0;
            }
            assertThat(admitted).isBetween(BUDGET, BUDGET + (int) SLACK);
            assertThat(writtenBack(two, key)).as("every admitted request is in the shared row").isEqualTo(BUDGET - admitted);
        }
    }

    @Test
    void theBoundIsReachedWhenOneInstanceOwesItsSlackWhileTheOtherSpendsTheRest() {
        PostgresBucketStore a = store();
        PostgresBucketStore b = store();
        String key = key();
        int admitted = 0;
        // A and B each read the bucket once; B then takes its slack locally, which A's copy never sees
        for (PostgresBucketStore s : List.of(a, b, b, b, b, b, b)) {
            assertThat(s.looseBucket(key, () -> PER_MINUTE, SLACK).tryConsume(1)).isTrue();
            admitted++;
        }
        while (a.looseBucket(key, () -> PER_MINUTE, SLACK).tryConsume(1)) {
            admitted++;
        }
        assertThat(b.looseBucket(key, () -> PER_MINUTE, SLACK).tryConsume(1)).as("B writes back and sees the debt").isFalse();
        assertThat(admitted).isEqualTo(BUDGET + SLACK);
        assertThat(writtenBack(List.of(a, b), key)).isEqualTo(-SLACK);
    }

    @Test
    void threeInstancesAdmitAtMostTwoSlacksMoreAndTheDebtIsRepaidAsTimeRefills() {
        List<PostgresBucketStore> three = List.of(store(), store(), store());
        String key = key();
        int admitted = burst(three, key);
        assertThat(admitted).isBetween(BUDGET, BUDGET + 2 * (int) SLACK);

        clock.advance(Duration.ofMinutes(1)); // a whole budget back, less what was admitted beyond it
        int second = burst(three, key);
        assertThat(admitted + second).as("two minutes' budget plus at most two slacks").isBetween(2 * BUDGET,
                2 * BUDGET + 2 * (int) SLACK);
        assertThat(writtenBack(three, key)).isEqualTo(2 * BUDGET - (admitted + second));
    }

    @Test
    void aStoreWithoutSlackIsTheExactBucket() {
        List<PostgresBucketStore> two = List.of(store(), store());
        String key = key();
        int admitted = 0;
        for (int i = 0; i < 2 * BUDGET; i++) {
            admitted += two.get(i % 2).looseBucket(key, () -> PER_MINUTE, 0).tryConsume(1) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(BUDGET);
    }

    /** Requests round-robin over the stores until each has been refused twice in a row; how many were admitted. */
    private static int burst(List<PostgresBucketStore> stores, String key) {
        int admitted = 0;
        int refusedInARow = 0;
        for (int i = 0; refusedInARow < 2 * stores.size(); i++) {
            boolean ok = stores.get(i % stores.size()).looseBucket(key, () -> PER_MINUTE, SLACK).tryConsume(1);
            admitted += ok ? 1 : 0;
            refusedInARow = ok ? 0 : refusedInARow + 1;
        }
        return admitted;
    }

    /** Every store writes its owed tokens back; then the shared row's tokens, read exactly (may be below zero). */
    private long writtenBack(List<PostgresBucketStore> of, String key) {
        for (PostgresBucketStore s : of) {
            ((BucketProxy) s.looseBucket(key, () -> PER_MINUTE, SLACK)).getOptimizationController().syncImmediately();
        }
        return store().bucket(key, () -> PER_MINUTE).getAvailableTokens();
    }

    private PostgresBucketStore store() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", (Clock) clock);
        PostgresBucketStore store = new PostgresBucketStore(dataSource, beans.getBeanProvider(Clock.class));
        stores.add(store);
        return store;
    }

    private static String key() {
        return "test-loose:" + System.nanoTime();
    }
}
