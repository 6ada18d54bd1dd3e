package org.redisee.it.nodes;

import jakarta.enterprise.context.ApplicationScoped;
import org.redisee.cache.CacheKeyParam;
import org.redisee.cache.CacheUpdate;
import org.redisee.cache.Cached;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The caches two deployments share in {@code CacheNodesIT}; each deployment counts its own body runs. */
@ApplicationScoped
public class NodeCache {

    public static final long COMPUTATION_MILLIS = 300;
    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    /** Near-cached. */
    @Cached(cache = "it-nodes-near")
    public String read(String key) {
        return "initial";
    }

    @CacheUpdate(cache = "it-nodes-near")
    public String write(@CacheKeyParam String key, String value) {
        return value;
    }

    /** A slow computation; touches no Redis, so it can run while Redis is down. */
    @Cached(cache = "it-nodes-compute")
    public String compute(String key) throws InterruptedException {
        RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(COMPUTATION_MILLIS);
        return "computed " + key;
    }

    int runs(String key) {
        AtomicInteger runs = RUNS.get(key);
        return runs == null ? 0 : runs.get();
    }
}
