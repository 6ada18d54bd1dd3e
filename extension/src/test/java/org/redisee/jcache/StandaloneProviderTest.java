package org.redisee.jcache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.URL;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider outside a deployment: settings from the URI or the manager's properties, and a client of its own. */
@ExtendWith(RedisServerExtension.class)
class StandaloneProviderTest {

    /** A class loader no deployment is bound to. */
    private static ClassLoader plainLoader() {
        return new URLClassLoader(new URL[0], StandaloneProviderTest.class.getClassLoader());
    }

    @Test
    void aRedisUriGivesTheAddressAndTheManagerOwnsItsClient(RedisStandalone redis) {
        RedisCachingProvider provider = new RedisCachingProvider();
        CacheManager manager = provider.getCacheManager(URI.create(redis.url()), plainLoader());
        RedissonClient client = manager.unwrap(RedissonClient.class);
        Cache<String, Integer> cache = manager.createCache("standalone-" + UUID.randomUUID(),
                new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
        cache.put("answer", 42);
        assertEquals(42, cache.get("answer"));
        manager.close();
        assertTrue(client.isShutdown(), "closing the manager shuts down the client it created");
    }

    @Test
    void theManagersPropertiesConfigureIt(RedisStandalone redis) {
        Properties settings = new Properties();
        settings.setProperty("redisee.url", redis.url());
        settings.setProperty("redisee.client-name", "jcache-standalone");
        try (CacheManager manager = new RedisCachingProvider().getCacheManager(
                RedisCachingProvider.DEFAULT_URI, plainLoader(), settings);
             RedisCommands commands = redis.connect()) {
            Cache<String, String> cache = manager.createCache("props-" + UUID.randomUUID(), new MutableConfiguration<>());
            cache.put("k", "v");
            assertEquals("v", cache.get("k"));
            assertTrue(commands.call("CLIENT", "LIST").contains("name=jcache-standalone"));
        }
    }

    @Test
    void badPropertiesFailNamingTheKey(RedisStandalone redis) {
        Properties settings = new Properties();
        settings.setProperty("redisee.url", redis.url());
        settings.setProperty("redisee.timeout", "soon");
        CacheException failure = assertThrows(CacheException.class, () -> new RedisCachingProvider()
                .getCacheManager(RedisCachingProvider.DEFAULT_URI, plainLoader(), settings));
        assertTrue(failure.getMessage().contains("redisee.timeout='soon'"), failure.getMessage());
    }
}
