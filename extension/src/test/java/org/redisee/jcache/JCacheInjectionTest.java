package org.redisee.jcache;

import static org.redisee.Failures.messages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.TestContainer;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.integration.CacheLoader;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JCache inside a deployment: injection, declared caches, loader beans by name, MXBeans, and the serial filter. */
@ExtendWith(RedisServerExtension.class)
class JCacheInjectionTest {

    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    public record Profile(String name, int visits) implements Serializable {
    }

    @Singleton
    static class Profiles {
        @Inject CacheManager manager;
        @Inject @JCacheName("profiles") Cache<String, Profile> profiles;
        @Inject @JCacheName("greetings") Cache<String, String> greetings;
    }

    @Named("greetingLoader")
    @ApplicationScoped
    public static class GreetingLoader implements CacheLoader<String, String> {
        @Override
        public String load(String key) {
            return "hello " + key;
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            Map<String, String> values = new HashMap<>();
            keys.forEach(key -> values.put(key, load(key)));
            return values;
        }
    }

    private static Map<String, String> config(RedisStandalone redis) {
        Map<String, String> config = new HashMap<>();
        config.put("redisee.url", redis.url());
        config.put("redisee.jcache.serial-filter", "org.redisee.jcache.*");
        config.put("redisee.jcache.greetings.read-through", "greetingLoader");
        config.put("redisee.jcache.greetings.statistics", "true");
        config.put("redisee.jcache.greetings.expiry.policy", "created");
        config.put("redisee.jcache.greetings.expiry.duration", "1s");
        return config;
    }

    @Test
    void injectedCachesLiveInRedisWithTheirDeclaredConfiguration(RedisStandalone redis) throws Exception {
        ObjectName statistics = new ObjectName(
                "javax.cache:type=CacheStatistics,CacheManager=redisee.default,Cache=greetings");
        try (TestContainer app = TestContainer.start(config(redis), Profiles.class, GreetingLoader.class);
             RedisCommands commands = redis.connect()) {
            Profiles beans = app.select(Profiles.class);
            String key = UUID.randomUUID().toString();

            beans.profiles.put(key, new Profile("Ada", 3));
            assertEquals(new Profile("Ada", 3), beans.profiles.get(key));
            assertTrue(Long.parseLong(commands.call("HLEN", "profiles")) >= 1, "the entries are a Redis hash");

            assertEquals("hello " + key, beans.greetings.get(key), "read-through by bean name");
            assertTrue(MBEANS.isRegistered(statistics), "statistics are on for the declared cache");
            assertEquals(1L, MBEANS.getAttribute(statistics, "CacheMisses"));
            Thread.sleep(1500);
            assertEquals("hello " + key, beans.greetings.get(key), "expired after 1s, then loaded again");
            assertEquals(2L, MBEANS.getAttribute(statistics, "CacheMisses"));

            ClassLoader application = beans.manager.getClassLoader();
            CacheManager viaCaching = Caching.getCachingProvider(RedisCachingProvider.class.getName(), application)
                    .getCacheManager(RedisCachingProvider.DEFAULT_URI, application);
            assertSame(beans.manager, viaCaching, "Caching and @Inject give one manager");
            assertSame(beans.profiles, viaCaching.getCache("profiles"));
        }
        assertFalse(MBEANS.isRegistered(statistics), "undeploy unregisters the MXBeans");
    }

    @Test
    void refusesToReadClassesTheSerialFilterDoesNotAllow(RedisStandalone redis) {
        Map<String, String> config = new HashMap<>(Map.of("redisee.url", redis.url()));
        try (TestContainer app = TestContainer.start(config, Profiles.class)) {
            Profiles beans = app.select(Profiles.class);
            String key = UUID.randomUUID().toString();
            beans.profiles.put(key, new Profile("Mallory", 1));
            CacheException refused = assertThrows(CacheException.class, () -> beans.profiles.get(key));
            assertTrue(messages(refused).contains("redisee.jcache.serial-filter"), messages(refused));
            assertNull(beans.profiles.get(UUID.randomUUID().toString()), "the cache keeps working");
        }
    }

    @Test
    void badJCacheConfigurationFailsTheDeploymentNamingTheKey(RedisStandalone redis) {
        Map<String, String> config = new HashMap<>(Map.of("redisee.url", redis.url(),
                "redisee.jcache.orders.expiry.policy", "sometimes",
                "redisee.jcache.orders.statistcs", "true"));
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> TestContainer.start(config, Profiles.class).close());
        String message = messages(failure);
        assertTrue(message.contains("redisee.jcache.orders.expiry.policy='sometimes'"), message);
        assertTrue(message.contains("redisee.jcache.orders.statistcs is not a RedisEE JCache key"), message);
    }
}
