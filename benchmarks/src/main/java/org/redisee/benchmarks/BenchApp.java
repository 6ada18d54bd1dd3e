package org.redisee.benchmarks;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.redisee.RedisExtension;
import org.redisee.cache.CacheEvictAllInterceptor;
import org.redisee.cache.CacheEvictInterceptor;
import org.redisee.cache.CacheUpdateInterceptor;
import org.redisee.cache.CachedInterceptor;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Weld SE container with RedisEE and MicroProfile Config values from a map, standing in for a deployment (the same
 * boot as the extension's own tests, without the readiness check, which needs MicroProfile Health).
 */
final class BenchApp implements AutoCloseable {

    /** What a server discovers in the RedisEE jar through its beans.xml; Weld SE runs without discovery here. */
    private static final Class<?>[] LIBRARY_BEANS = {CachedInterceptor.class, CacheUpdateInterceptor.class,
            CacheEvictInterceptor.class, CacheEvictAllInterceptor.class};

    private final WeldContainer weld;
    private final SmallRyeConfig config;

    private BenchApp(WeldContainer weld, SmallRyeConfig config) {
        this.weld = weld;
        this.config = config;
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
        return start(p, CatalogService.class);
    }

    static BenchApp start(Map<String, String> properties, Class<?>... beans) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "benchmark", 400))
                .build();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader deployment = new ClassLoader(previous) { };
        ConfigProviderResolver.instance().registerConfig(config, deployment);
        thread.setContextClassLoader(deployment);
        try {
            WeldContainer weld = new Weld("redisee-bench-" + UUID.randomUUID())
                    .disableDiscovery()
                    .addExtension(new RedisExtension())
                    .addBeanClasses(LIBRARY_BEANS)
                    .addBeanClasses(beans)
                    .initialize();
            return new BenchApp(weld, config);
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    <T> T select(Class<T> type, Annotation... qualifiers) {
        return weld.select(type, qualifiers).get();
    }

    @Override
    public void close() {
        try {
            weld.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    private static final Logger[] QUIET = {Logger.getLogger("org.jboss.weld"), Logger.getLogger("org.redisee")};

    private static void quietLogging() {
        for (Logger logger : QUIET) {
            logger.setLevel(Level.WARNING); // kept strongly reachable in QUIET, so the level sticks
        }
    }
}
