package com.goafwatch.security;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Buckets in this JVM, for a single instance ({@code goafwatch.limits.bucket-store=memory}; the default keeps them in
 * PostgreSQL, {@link PostgresBucketStore}), timed by the application's {@link Clock} (a {@code Clock} bean when there is exactly one,
 * else the system clock), so tests can hold time still. At most {@value #MAX_KEYS} keys are kept, least recently
 * used first out: an evicted key starts again with a full bucket, which bounds memory against callers that invent
 * user names.
 */
@Component
@ConditionalOnProperty(name = "goafwatch.limits.bucket-store", havingValue = "memory")
class InMemoryBucketStore implements BucketStore {

    static final int MAX_KEYS = 100_000;

    private final TimeMeter time;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_KEYS;
        }
    });

    InMemoryBucketStore(ObjectProvider<Clock> clock) {
        this.time = new ClockTimeMeter(clock.getIfUnique(Clock::systemUTC));
    }

    @Override
    public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.computeIfAbsent(key, k -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
            for (Bandwidth limit : configuration.get().getBandwidths()) {
                builder.addLimit(limit);
            }
            return builder.build();
        });
    }
}
