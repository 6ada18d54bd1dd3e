package org.redisee;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.EnvConfigSource;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.redisee.cache.CacheEvictAllInterceptor;
import org.redisee.cache.CacheEvictInterceptor;
import org.redisee.cache.CacheUpdateInterceptor;
import org.redisee.cache.CachedInterceptor;
import org.redisee.health.RedisReadinessCheck;
import org.redisee.lock.LockedInterceptor;
import org.redisee.ratelimit.RateLimitedInterceptor;

import java.util.Map;
import java.util.UUID;

/**
 * A Weld SE container with RedisEE and the given MicroProfile Config values, standing in for a deployment.
 * Closing it is an undeploy.
 */
public final class TestContainer implements AutoCloseable {

    /**
     * What a server discovers in the RedisEE jar through its beans.xml; Weld SE runs here without discovery.
     * The JSR-107 interceptors are not listed: the extension registers those itself.
     */
    private static final Class<?>[] LIBRARY_BEANS = {CachedInterceptor.class, CacheUpdateInterceptor.class,
            CacheEvictInterceptor.class, CacheEvictAllInterceptor.class, RateLimitedInterceptor.class, LockedInterceptor.class,
            RedisReadinessCheck.class};

    private final WeldContainer weld;
    private final SmallRyeConfig config;
    private final ClassLoader classLoader;

    /** A copy of {@code base} with more settings, given as key, value, key, value... (a later one wins). */
    public static Map<String, String> with(Map<String, String> base, String... keysAndValues) {
        Map<String, String> result = new java.util.HashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            result.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return result;
    }

    private TestContainer(WeldContainer weld, SmallRyeConfig config, ClassLoader classLoader) {
        this.weld = weld;
        this.config = config;
        this.classLoader = classLoader;
    }

    /** Starts a container whose config holds {@code properties}; {@code env} entries act as environment variables. */
    public static TestContainer start(Map<String, String> properties, Map<String, String> env, Class<?>... beans) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 400))
                .withSources(new EnvConfigSource(env, 300))
                .build();
        // Each container gets a class loader of its own, as each deployment does, so several can run side by side
        // (two "nodes" in one JVM) with their own config.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader deployment = new ClassLoader(previous) { };
        ConfigProviderResolver.instance().registerConfig(config, deployment);
        thread.setContextClassLoader(deployment);
        try {
            WeldContainer weld = new Weld("redisee-test-" + UUID.randomUUID())
                    .disableDiscovery()
                    .addExtension(new RedisExtension())
                    .addBeanClasses(LIBRARY_BEANS)
                    .addBeanClasses(beans)
                    .initialize();
            return new TestContainer(weld, config, deployment);
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static TestContainer start(Map<String, String> properties, Class<?>... beans) {
        return start(properties, Map.of(), beans);
    }

    /** The deployment's class loader: the one its configuration is registered for. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    public <T> T select(Class<T> type, java.lang.annotation.Annotation... qualifiers) {
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
}
