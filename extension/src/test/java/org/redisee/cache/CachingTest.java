package org.redisee.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.TestContainer;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache annotations on a CDI bean, checked against what Redis holds. */
@ExtendWith(RedisServerExtension.class)
class CachingTest {

    public record Profile(String id, String name, List<String> roles) {
    }

    @ApplicationScoped
    public static class ProfileService {
        final AtomicInteger calls = new AtomicInteger();

        public int calls() {
            return calls.get();
        }

        @Cached(cache = "profiles")
        public Profile profile(String id) {
            calls.incrementAndGet();
            return new Profile(id, "Name of " + id, List.of("user"));
        }

        @Cached(cache = "team")
        public List<Profile> team(@CacheKeyParam String team, String requestedBy) {
            calls.incrementAndGet();
            return List.of(new Profile(team + "-1", "A", List.of()), new Profile(team + "-2", "B", List.of("admin")));
        }

        @CacheUpdate(cache = "profiles")
        public Profile rename(@CacheKeyParam String id, String newName) {
            return new Profile(id, newName, List.of("user"));
        }

        @CacheEvict(cache = "profiles")
        public void forget(String id) {
        }

        @CacheEvictAll(cache = "profiles")
        public void forgetAll() {
        }

        @Cached
        public String defaultName() {
            calls.incrementAndGet();
            return "computed";
        }

        @Cached(cache = "maybe")
        public String nothing(String id) {
            calls.incrementAndGet();
            return null;
        }

        @Cached(cache = "failing")
        public String failing(String id) {
            calls.incrementAndGet();
            throw new IllegalStateException("boom " + id);
        }

        @Cached(cache = "async")
        public CompletionStage<Profile> profileAsync(String id) {
            calls.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> new Profile(id, "async", List.of()));
        }

        @Cached(cache = "generated", keyGenerator = TenantKeys.class)
        public String generated(String tenant, String id) {
            calls.incrementAndGet();
            return tenant + "/" + id;
        }
    }

    @ApplicationScoped
    public static class TenantKeys implements CacheKeyGenerator {
        @Override
        public String key(Method method, Object[] parameters) {
            return "tenant-" + parameters[0] + "-" + parameters[1];
        }
    }

    private static TestContainer app(RedisStandalone redis, String... extra) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("redisee.url", redis.url(),
                "redisee.key-prefix", "t" + UUID.randomUUID().toString().substring(0, 8),
                "redisee.cache.profiles.ttl", "5m"));
        for (int i = 0; i < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        return TestContainer.start(config, ProfileService.class, TenantKeys.class);
    }

    @Test
    void cachesResultsAsJsonWithTheCacheTtl(RedisStandalone redis) {
        try (TestContainer app = app(redis); RedisCommands cli = redis.connect()) {
            ProfileService service = app.select(ProfileService.class);
            Profile first = service.profile("u1");
            assertEquals(first, service.profile("u1"));
            assertEquals(1, service.calls(), "the second call is a hit");

            String key = app.select(RedisCaches.class).cache("profiles").redisKey("u1");
            assertEquals("{\"id\":\"u1\",\"name\":\"Name of u1\",\"roles\":[\"user\"]}", cli.call("GET", key));
            long ttl = cli.callLong("PTTL", key);
            assertTrue(ttl > 290_000 && ttl <= 300_000, "TTL is the configured 5m, was " + ttl);
        }
    }

    @Test
    void genericReturnTypesRoundTripAndMarkedParametersNarrowTheKey(RedisStandalone redis) {
        try (TestContainer app = app(redis); RedisCommands cli = redis.connect()) {
            ProfileService service = app.select(ProfileService.class);
            List<Profile> team = service.team("blue", "alice");
            assertEquals(team, service.team("blue", "bob"), "requestedBy is not part of the key");
            assertEquals(1, service.calls());
            assertEquals(Profile.class, service.team("blue", "carol").get(1).getClass());
            long ttl = cli.callLong("PTTL", app.select(RedisCaches.class).cache("team").redisKey("blue"));
            assertTrue(ttl > 590_000 && ttl <= 600_000, "default TTL is 10m, was " + ttl);
        }
    }

    @Test
    void updateReplacesEvictRemovesEvictAllClears(RedisStandalone redis) {
        try (TestContainer app = app(redis)) {
            ProfileService service = app.select(ProfileService.class);
            service.profile("u1");
            service.profile("u2");
            assertEquals("Renamed", service.rename("u1", "Renamed").name());
            assertEquals("Renamed", service.profile("u1").name());
            service.forget("u1");
            assertEquals("Name of u1", service.profile("u1").name());
            assertEquals(3, service.calls());
            service.forgetAll();
            service.profile("u1");
            service.profile("u2");
            assertEquals(5, service.calls());
        }
    }

    @Test
    void defaultCacheNameIsClassAndMethod(RedisStandalone redis) {
        try (TestContainer app = app(redis); RedisCommands cli = redis.connect()) {
            ProfileService service = app.select(ProfileService.class);
            service.defaultName();
            service.defaultName();
            assertEquals(1, service.calls());
            String key = app.select(RedisCaches.class).cache(ProfileService.class.getName() + ".defaultName").redisKey("_");
            assertTrue(key.contains(":cache:org.redisee.cache.CachingTest$ProfileService.defaultName:{_}"), key);
            assertEquals("\"computed\"", cli.call("GET", key));
        }
    }

    @Test
    void nullsAreNotCachedUnlessConfigured(RedisStandalone redis) {
        try (TestContainer app = app(redis)) {
            ProfileService service = app.select(ProfileService.class);
            assertNull(service.nothing("x"));
            assertNull(service.nothing("x"));
            assertEquals(2, service.calls());
        }
        try (TestContainer app = app(redis, "redisee.cache.maybe.cache-null", "true")) {
            ProfileService service = app.select(ProfileService.class);
            assertNull(service.nothing("x"));
            assertNull(service.nothing("x"));
            assertEquals(1, service.calls());
        }
    }

    @Test
    void exceptionsReachTheCallerAndAreNeverCached(RedisStandalone redis) {
        try (TestContainer app = app(redis)) {
            ProfileService service = app.select(ProfileService.class);
            assertEquals("boom 1", assertThrows(IllegalStateException.class, () -> service.failing("1")).getMessage());
            assertEquals("boom 1", assertThrows(IllegalStateException.class, () -> service.failing("1")).getMessage());
            assertEquals(2, service.calls());
        }
    }

    @Test
    void completionStagesCacheTheCompletedValue(RedisStandalone redis) throws Exception {
        try (TestContainer app = app(redis)) {
            ProfileService service = app.select(ProfileService.class);
            Profile first = service.profileAsync("a1").toCompletableFuture().get();
            Profile second = service.profileAsync("a1").toCompletableFuture().get();
            assertEquals(first, second);
            assertEquals(1, service.calls());
        }
    }

    @Test
    void keyGeneratorBeansBuildKeys(RedisStandalone redis) {
        try (TestContainer app = app(redis); RedisCommands cli = redis.connect()) {
            ProfileService service = app.select(ProfileService.class);
            service.generated("acme", "7");
            service.generated("acme", "7");
            assertEquals(1, service.calls());
            assertEquals("\"acme/7\"", cli.call("GET", app.select(RedisCaches.class).cache("generated").redisKey("tenant-acme-7")));
        }
    }

    @Test
    void entriesThatNoLongerReadAsTheTypeAreReplaced(RedisStandalone redis) {
        try (TestContainer app = app(redis); RedisCommands cli = redis.connect()) {
            ProfileService service = app.select(ProfileService.class);
            String key = app.select(RedisCaches.class).cache("profiles").redisKey("u9");
            cli.call("SET", key, "not json at all");
            assertEquals("Name of u9", service.profile("u9").name());
            assertTrue(cli.call("GET", key).startsWith("{\"id\":\"u9\""));
        }
    }

    @Test
    void badCacheConfigurationFailsTheDeployment(RedisStandalone redis) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> app(redis,
                "redisee.cache.profiles.ttl", "forever", "redisee.cache.profiles.near-cach", "true").close());
        String message = failure.toString() + failure.getCause();
        assertTrue(message.contains("redisee.cache.profiles.ttl='forever'"), message);
        assertTrue(message.contains("redisee.cache.profiles.near-cach is not a RedisEE cache key"), message);
    }
}
