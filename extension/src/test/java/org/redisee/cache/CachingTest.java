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

        @Cached(cache = "anything")
        public Object anything(String id) {
            calls.incrementAndGet();
            return Map.of("id", id);
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
        return TestContainer.start(TestContainer.with(Map.of("redisee.url", redis.url(),
                "redisee.key-prefix", "t" + UUID.randomUUID().toString().substring(0, 8),
                "redisee.cache.profiles.ttl", "5m"), extra), ProfileService.class, TenantKeys.class);
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
    void hostileKeyParametersAreStoredUnderSafeBoundedKeys(RedisStandalone redis) {
        String megabyte = "m".repeat(1024 * 1024);
        List<String> hostile = List.of("a*b", "a?b", "[ab]", "{x}", "a}b", "x{", "line\nbreak", "tab\there", "\u0000",
                "", " ", megabyte, megabyte + "!", "x".repeat(128), "x".repeat(129), "\u00e9t\u00e9 \u2603");
        for (String nearCache : List.of("false", "true")) {
            try (TestContainer app = app(redis, "redisee.cache.profiles.near-cache", nearCache); RedisCommands cli = redis.connect()) {
                ProfileService service = app.select(ProfileService.class);
                RedisCache cache = app.select(RedisCaches.class).cache("profiles");
                for (String id : hostile) {
                    assertEquals(id, service.profile(id).id());
                    assertEquals(id, service.profile(id).id(), "a hit returns the value of this very parameter");
                }
                assertEquals(hostile.size(), service.calls(), "one computation per parameter: no two collide, each hits");
                for (String id : hostile) {
                    String key = cache.redisKey(id);
                    assertTrue(key.length() < 250, "bounded key for a parameter of " + id.length() + " characters");
                    boolean plain = id.length() <= 128 && id.chars().noneMatch(c -> c == '{' || c == '}' || c < 32);
                    assertEquals(plain, key.endsWith("{" + id + "}"), "plain or hashed: " + key);
                    assertTrue(plain || key.matches(".*:cache:profiles:\\{sha256:[0-9a-f]{64}\\}"), key);
                    assertEquals(1, cli.callLong("EXISTS", key), "the entry is in Redis under " + key);
                }
                service.forget("a*b");
                assertEquals(1, cli.callLong("EXISTS", cache.redisKey("a?b")), "evicting a*b removes only a*b");
                service.forget(megabyte);
                service.profile(megabyte);
                assertEquals(hostile.size() + 1, service.calls(), "evicting a long key works too");
                service.forgetAll();
                for (String id : hostile) {
                    assertEquals(0, cli.callLong("EXISTS", cache.redisKey(id)), "evict-all removes " + cache.redisKey(id));
                }
            }
        }
    }

    @Test
    void valuesThatFailToParseCountAsMissesAndAreReplaced(RedisStandalone redis) {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        // Not JSON: no type reads them. Then JSON of the wrong shape for a record or a list (an Object reads any JSON).
        List<String> malformed = List.of("not json at all", "{", "{\"id\":", "\u0000\u0001", "[".repeat(100_000),
                "{\"a\":".repeat(100_000), "\ufeff{\"id\":\"bom\"}", "[1,2", "\"unterminated");
        List<String> wrongShape = List.of("[1,2,3]", "\"a string\"", "123", "{\"id\":\"u\",\"roles\":5}",
                "{\"id\":[\"x\"]}", "{\"roles\":[{\"a\":1}]}", "\"" + "s".repeat(1024 * 1024) + "\"", "9".repeat(10_000),
                "[".repeat(500) + "]".repeat(500));
        List<String> garbage = new java.util.ArrayList<>(malformed);
        garbage.addAll(wrongShape);
        try (TestContainer app = app(redis, "redisee.metrics.backend", "micrometer"); RedisCommands cli = redis.connect()) {
            ProfileService service = app.select(ProfileService.class);
            RedisCaches caches = app.select(RedisCaches.class);
            int calls = 0;
            for (int i = 0; i < garbage.size(); i++) {
                String bad = garbage.get(i);
                String id = "g" + i;
                cli.call("SET", caches.cache("profiles").redisKey(id), bad);
                cli.call("SET", caches.cache("anything").redisKey(id), bad);
                cli.call("SET", caches.cache("team").redisKey(id), bad);
                assertEquals("Name of " + id, service.profile(id).name(), "a record from " + abbreviated(bad));
                assertEquals(2, service.team(id, "me").size(), "a List<Profile> from " + abbreviated(bad));
                calls += 2;
                if (malformed.contains(bad)) {
                    assertEquals(Map.of("id", id), service.anything(id), "an Object from " + abbreviated(bad));
                    calls++;
                }
                assertEquals(calls, service.calls(), "each was a miss: the method ran");
                assertTrue(cli.call("GET", caches.cache("profiles").redisKey(id)).startsWith("{\"id\":\"" + id + "\""),
                        "replaced by a good value");
            }
            double misses = 0;
            double errors = 0;
            for (String cache : List.of("profiles", "anything", "team")) {
                misses += registry.get("redisee.cache.misses").tag("cache", cache).counter().count();
                errors += registry.find("redisee.cache.errors").tag("cache", cache).counters().stream().mapToDouble(c -> c.count()).sum();
            }
            assertTrue(misses >= calls, "counted as misses: " + misses + " of " + calls);
            assertEquals(0, errors, "not counted as Redis errors");
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(registry);
        }
    }

    private static String abbreviated(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "... (" + value.length() + " characters)";
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
