package org.redisee.benchmarks;

import org.redisee.TestContainer;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The benchmarks' application: the extension's test container (Weld SE with RedisEE and MicroProfile Config from a
 * map, standing in for a deployment) with the caches of {@link CatalogService}.
 */
final class BenchApp implements AutoCloseable {

    private final TestContainer container;

    private BenchApp(TestContainer container) {
        this.container = container;
    }

    /**
     * Config shared by all benchmarks: one Redis, key prefix {@code bench}, and the caches of {@link CatalogService}.
     * No metrics backend is on the classpath, so meters are no-ops (as {@code redisee.metrics.backend=none}).
     */
    static BenchApp start(String redisUrl) {
        quietLogging();
        Map<String, String> p = new HashMap<>();
        p.put("redisee.url", redisUrl);
        p.put("redisee.fail-fast", "true");
        p.put("redisee.key-prefix", "bench");
        p.put("redisee.metrics.backend", "none");
        p.put("redisee.cache.remote.ttl", "1h");
        p.put("redisee.cache.near.ttl", "1h");
        p.put("redisee.cache.near.near-cache", "true");
        p.put("redisee.cache.near.near-cache.ttl", "1h");
        p.put("redisee.cache.miss-lock.ttl", "1h");
        p.put("redisee.cache.miss-nolock.ttl", "1h");
        p.put("redisee.cache.miss-nolock.lock-on-miss", "false");
        return new BenchApp(TestContainer.start(p, CatalogService.class));
    }

    <T> T select(Class<T> type, Annotation... qualifiers) {
        return container.select(type, qualifiers);
    }

    @Override
    public void close() {
        container.close();
    }

    private static final Logger[] QUIET = {Logger.getLogger("org.jboss.weld"), Logger.getLogger("org.redisee")};

    private static void quietLogging() {
        for (Logger logger : QUIET) {
            logger.setLevel(Level.WARNING); // kept strongly reachable in QUIET, so the level sticks
        }
    }
}
