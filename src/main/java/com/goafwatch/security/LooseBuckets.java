package com.goafwatch.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;

/**
 * Shared buckets that this instance may draw on from its own copy between write-backs: bucket4j's delaying optimization
 * ({@link DelayOptimization}). A key's proxy keeps the bucket's state as last read from the store and takes tokens from
 * it locally until {@code unsynchronized} tokens are owed or {@link #MAX_UNSYNCHRONIZED_TIME} has passed; the next
 * request then writes the owed tokens back (taken even past zero, so the shared row records every admitted request) and
 * reads the bucket afresh, in the store's one transaction.
 * <p>
 * Why it stays correct: a refusal from the local copy is always right (the copy can only hold more tokens than the
 * store, which other instances only draw down), so no caller is refused within its budget. Across N instances at most
 * (N − 1) × {@code unsynchronized} requests are admitted beyond what one exact shared bucket would admit: each of the
 * other instances can spend its owed allowance on a copy that does not yet see the rest ({@code LooseBucketsTest}). The owed tokens are written back, so over time the rate is exact.
 * <p>
 * A proxy must live as long as its key is in use (a new one starts with nothing owed and reads the store first):
 * at most {@value #MAX_KEYS} are kept, least recently used first out, and one that leaves writes its owed tokens back
 * (a request still holding an evicted proxy while the next one builds a new copy counts, for that moment, as one more
 * instance).
 */
final class LooseBuckets {

    static final int MAX_KEYS = 10_000;
    static final Duration MAX_UNSYNCHRONIZED_TIME = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(LooseBuckets.class);

    private final ProxyManager<String> store;
    private final TimeMeter time;
    private final Map<String, BucketProxy> proxies = new LinkedHashMap<>(256, 0.75f, true);

    LooseBuckets(ProxyManager<String> store, TimeMeter time) {
        this.store = store;
        this.time = time;
    }

    Bucket bucket(String key, Supplier<BucketConfiguration> configuration, long unsynchronized) {
        BucketProxy evicted = null;
        BucketProxy proxy;
        synchronized (proxies) {
            proxy = proxies.get(key);
            if (proxy == null) {
                proxy = store.builder()
                        .withOptimization(new DelayOptimization(new DelayParameters(unsynchronized, MAX_UNSYNCHRONIZED_TIME),
                                NopeOptimizationListener.INSTANCE, time))
                        .build(key, configuration);
                proxies.put(key, proxy);
                if (proxies.size() > MAX_KEYS) {
                    var eldest = proxies.entrySet().iterator();
                    evicted = eldest.next().getValue();
                    eldest.remove();
                }
            }
        }
        if (evicted != null) {
            writeBack(evicted); // outside the lock: a round trip
        }
        return proxy;
    }

    /** Writes every proxy's owed tokens back (shut-down, and now and then for keys that went quiet). */
    void writeBackAll() {
        List<BucketProxy> all;
        synchronized (proxies) {
            all = new ArrayList<>(proxies.values());
        }
        all.forEach(LooseBuckets::writeBack);
    }

    private static void writeBack(BucketProxy proxy) {
        try {
            proxy.getOptimizationController().syncByCondition(1, Duration.ZERO); // only where tokens are owed
        } catch (RuntimeException e) {
            log.debug("could not write a rate-limit bucket back: {}", e.getMessage());
        }
    }
}
