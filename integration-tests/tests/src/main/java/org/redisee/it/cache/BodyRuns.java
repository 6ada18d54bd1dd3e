package org.redisee.it.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how often each cached method's body really runs, per key. */
public final class BodyRuns {

    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    private BodyRuns() {
    }

    public static int of(String method, String key) {
        return RUNS.getOrDefault(method + ":" + key, new AtomicInteger()).get();
    }

    static String ran(String method, String key) {
        RUNS.computeIfAbsent(method + ":" + key, k -> new AtomicInteger()).incrementAndGet();
        return method + " of " + key;
    }
}
