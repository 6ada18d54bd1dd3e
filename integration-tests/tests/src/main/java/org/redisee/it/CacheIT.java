package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.enterprise.inject.spi.CDI;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.cache.RedisCaches;
import org.redisee.it.cache.BodyRuns;
import org.redisee.it.cache.CdiService;
import org.redisee.it.cache.Jsr107RedisService;
import org.redisee.it.cache.Jsr107Service;
import org.redisee.it.cache.SingletonService;
import org.redisee.it.cache.StatelessService;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.SharedRedis;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The cache annotations in the server, on a stateless EJB, a singleton EJB and a CDI bean: the body runs once per
 * key, and the value is JSON in Redis. JSR-107's {@code @CacheResult} runs once per key too: on WildFly RedisEE routes
 * it to Redis; on Payara, whose own interceptors handle JSR-107, RedisEE stays out, so nothing is cached twice, unless
 * the bean names {@code RedisCacheResolverFactory}: then Payara's interceptors use the same Redis caches.
 *
 * <p>Runs in the server; see {@link ClientIT} about which classes it may use. Tag {@code ejb}: only where the server
 * has an EJB container (not WildFly's standalone-microprofile.xml).
 */
@ExtendWith(ArquillianExtension.class)
class CacheIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.redisApp("cache-it", Map.of("redisee.url", SharedRedis.url(),
                "redisee.key-prefix", "it" + UUID.randomUUID().toString().substring(0, 8),
                "redisee.cache.it-cdi.ttl", "2m")).addPackage(BodyRuns.class.getPackage());
    }

    // Looked up when used rather than injected into the test instance, so a failure names the bean and its cause.
    private static <T> T bean(Class<T> type) {
        return CDI.current().select(type).get();
    }

    @Test
    @Tag("ejb")
    void statelessEjb() {
        assertCachedOnce("stateless", "it-stateless", v -> bean(StatelessService.class).value(v));
    }

    @Test
    @Tag("ejb")
    void singletonEjb() {
        assertCachedOnce("singleton", "it-singleton", v -> bean(SingletonService.class).value(v));
    }

    @Test
    void cdiBeanWithEvictAndTtl() {
        String key = assertCachedOnce("cdi", "it-cdi", v -> bean(CdiService.class).value(v));
        long ttl = bean(RedissonClient.class).getBucket(bean(RedisCaches.class).cache("it-cdi").redisKey(key)).remainTimeToLive();
        assertEquals(true, ttl > 100_000 && ttl <= 120_000, "the configured TTL of 2m, was " + ttl + " ms");
        bean(CdiService.class).evict(key);
        assertEquals("cdi of " + key, bean(CdiService.class).value(key));
        assertEquals(2, BodyRuns.of("cdi", key), "evicted, so the body ran again");
    }

    @Test
    void jsr107CacheResultRunsOncePerKeyAndIsNeverCachedTwice() {
        String key = UUID.randomUUID().toString();
        assertEquals("jsr107 of " + key, bean(Jsr107Service.class).value(key));
        assertEquals("jsr107 of " + key, bean(Jsr107Service.class).value(key));
        assertEquals(1, BodyRuns.of("jsr107", key));
        String inRedis = bean(RedissonClient.class).<String>getBucket(bean(RedisCaches.class).cache("it-jsr107").redisKey(key), StringCodec.INSTANCE).get();
        if (payara()) {
            assertNull(inRedis, "Payara intercepts JSR-107 annotations itself; RedisEE must not intercept them too");
        } else {
            assertEquals("\"jsr107 of " + key + "\"", inRedis, "RedisEE routes JSR-107 annotations to Redis");
        }
    }

    @Test
    void jsr107WithRedisEEsResolverFactoryIsCachedInRedisOnEveryServer() {
        String key = assertCachedOnce("jsr107-redis", "it-jsr107-redis", v -> bean(Jsr107RedisService.class).value(v));
        bean(Jsr107RedisService.class).evict(key);
        assertEquals("jsr107-redis of " + key, bean(Jsr107RedisService.class).value(key));
        assertEquals(2, BodyRuns.of("jsr107-redis", key), "@CacheRemove evicted it, so the body ran again");
    }

    private String assertCachedOnce(String method, String cache, Function<String, String> call) {
        String key = UUID.randomUUID().toString();
        assertEquals(method + " of " + key, call.apply(key));
        assertEquals(method + " of " + key, call.apply(key));
        assertEquals(1, BodyRuns.of(method, key), "the second call is a hit");
        String json = bean(RedissonClient.class).<String>getBucket(bean(RedisCaches.class).cache(cache).redisKey(key), StringCodec.INSTANCE).get();
        assertEquals("\"" + method + " of " + key + "\"", json, "the value is JSON in Redis");
        return key;
    }

    private static boolean payara() {
        return System.getProperty("com.sun.aas.instanceRoot") != null || System.getProperty("payaramicro.name") != null
                || classExists("fish.payara.micro.PayaraMicro");
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
