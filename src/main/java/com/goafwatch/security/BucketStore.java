package com.goafwatch.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where the token buckets of the request rate limit and the login throttle live: the one seam to replace when
 * several instances must share their limits (bucket4j's {@code ProxyManager} for PostgreSQL has this shape: a key
 * and a configuration supplier in, a bucket out).
 */
public interface BucketStore {

    /** The bucket of {@code key}, made from {@code configuration} the first time it is asked for. */
    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);

    /**
     * The bucket of {@code key} for a limit that may be kept loosely across instances: this instance may admit up to
     * {@code unsynchronized} tokens from its own copy before writing them back to a shared store, so N instances
     * together admit at most (N − 1) × {@code unsynchronized} beyond the budget ({@link LooseBuckets}). Never for the
     * login throttle. The default (a store in one JVM) is the exact bucket.
     */
    default Bucket looseBucket(String key, Supplier<BucketConfiguration> configuration, long unsynchronized) {
        return bucket(key, configuration);
    }

    /**
     * Whether any of these keys' buckets may hold fewer tokens than its capacity now; false only when the store knows all
     * are full (or were never drawn on). The default cannot tell, and says true.
     */
    default boolean anyDrawnDown(Collection<String> keys) {
        return true;
    }

    /**
     * {@link #anyDrawnDown} negated, as an SQL condition with its parameters for a statement on the application's
     * database, so that a statement the request runs anyway can tell it instead of a round trip of its own; empty when
     * the buckets are not in that database (the default).
     */
    default Optional<SqlCondition> noneDrawnDown(Collection<String> keys) {
        return Optional.empty();
    }

    /** An SQL boolean expression and its parameters, in order. */
    record SqlCondition(String sql, List<Object> params) {
    }
}
