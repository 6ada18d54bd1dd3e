package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.spi.CDI;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.Redis;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.SharedRedis;
import org.redisee.jcache.RedisCachingProvider;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * JCache in the server: a cache the configuration declares and one the application creates live in Redis through the
 * managed client, their statistics and configuration MXBeans are registered, and the provider is found by class name
 * through {@code Caching} (on Payara, {@code javax.cache} is the server's). {@link UndeployIT} checks that undeploy
 * unregisters the MXBeans.
 *
 * <p>Runs in the server; see {@link ClientIT} about which classes it may use.
 */
@ExtendWith(ArquillianExtension.class)
class JCacheIT {

    /** A new cache name per deployment, since the shared Redis outlives the test; the tests read it from the config. */
    private static final String NAME_KEY = "it.jcache.cache";

    @Deployment
    static WebArchive deployment() {
        String declared = "it-jcache-" + UUID.randomUUID().toString().substring(0, 8);
        return Deployments.redisApp("jcache-it", Map.of("redisee.url", SharedRedis.url(), NAME_KEY, declared,
                "redisee.jcache." + declared + ".statistics", "true",
                "redisee.jcache." + declared + ".management", "true",
                "redisee.jcache." + declared + ".expiry.policy", "created",
                "redisee.jcache." + declared + ".expiry.duration", "10m"));
    }

    private static String declared() {
        return ConfigProvider.getConfig().getValue(NAME_KEY, String.class);
    }

    private static CacheManager manager() {
        return CDI.current().select(CacheManager.class, Redis.Literal.of(Redis.DEFAULT)).get();
    }

    @Test
    void declaredAndCreatedCachesLiveInRedis() {
        RedissonClient redis = CDI.current().select(RedissonClient.class).get();
        String name = declared();
        String key = UUID.randomUUID().toString();

        Cache<String, String> declared = manager().getCache(name);
        declared.put(key, "declared");
        assertEquals("declared", declared.get(key));
        assertEquals(1, redis.getMap(name, ByteArrayCodec.INSTANCE).size(), "one entry in the Redis hash " + name);
        Double expiresAt = redis.getScoredSortedSet("jcache_timeout_set:{" + name + "}", ByteArrayCodec.INSTANCE)
                .firstScore();
        long ttl = expiresAt.longValue() - System.currentTimeMillis();
        assertTrue(ttl > 9 * 60_000 && ttl <= 10 * 60_000, "created expiry of 10m, was " + ttl + " ms");

        String createdName = name + "-created";
        Cache<String, Integer> created = manager().createCache(createdName,
                new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
        created.put(key, 42);
        assertEquals(42, created.get(key));
        assertEquals(1, redis.getMap(createdName, ByteArrayCodec.INSTANCE).size());
        manager().destroyCache(createdName);
        assertEquals(0, redis.getMap(createdName, ByteArrayCodec.INSTANCE).size(), "destroyCache clears it in Redis");
    }

    @Test
    void statisticsAndConfigurationMXBeansAreRegistered() throws Exception {
        String declared = declared();
        Cache<String, String> cache = manager().getCache(declared);
        cache.get(UUID.randomUUID().toString());
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName statistics = new ObjectName("javax.cache:type=CacheStatistics,CacheManager=redisee.default,Cache=" + declared);
        ObjectName configuration = new ObjectName("javax.cache:type=CacheConfiguration,CacheManager=redisee.default,Cache=" + declared);
        assertTrue(mbeans.isRegistered(statistics), statistics + " is registered");
        assertTrue(mbeans.isRegistered(configuration), configuration + " is registered");
        assertTrue((Long) mbeans.getAttribute(statistics, "CacheMisses") >= 1, "the miss is counted");
        assertEquals(true, mbeans.getAttribute(configuration, "StatisticsEnabled"));
    }

    @Test
    void providerIsFoundByClassNameAndGivesTheInjectedManager() {
        CacheManager injected = manager();
        ClassLoader application = injected.getClassLoader();
        CacheManager looked = Caching.getCachingProvider(RedisCachingProvider.class.getName(), application)
                .getCacheManager(RedisCachingProvider.DEFAULT_URI, application);
        assertSame(injected, looked, "Caching, asked by class name with the application's class loader, gives the same manager");
    }
}
