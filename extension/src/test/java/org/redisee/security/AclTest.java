package org.redisee.security;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.TestContainer;
import org.redisee.cache.CacheEvict;
import org.redisee.cache.CacheEvictAll;
import org.redisee.cache.CacheUpdate;
import org.redisee.cache.Cached;
import org.redisee.client.RedisClients;
import org.redisee.event.RedisTopic;
import org.redisee.health.RedisReadinessCheck;
import org.redisee.jcache.JCacheName;
import org.redisee.lock.Locked;
import org.redisee.ratelimit.RateLimitAlgorithm;
import org.redisee.ratelimit.RateLimitExceededException;
import org.redisee.ratelimit.RateLimitName;
import org.redisee.ratelimit.RateLimited;
import org.redisee.ratelimit.RateLimiter;
import org.redisee.session.SessionRegistry;
import org.redisee.session.SessionWebApp;
import org.redisee.testing.PrivateServer;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;

import javax.cache.Cache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.redisee.Failures.messages;

/**
 * Every capability as a Redis 6+ ACL user restricted to RedisEE's keys and channels and to the commands RedisEE
 * needs ({@link #RULES}, documented in docs/security.md), on a real {@code redis-server}: the test fails if Redis
 * refuses anything ({@code ACL LOG}) or a capability does not work. Also: a wrong password fails clearly, and no
 * password appears in any log line or failure message.
 */
@ExtendWith(RedisServerExtension.class)
class AclTest {

    /**
     * The minimal rules, found by running everything below with {@code +@all} and reading {@code INFO commandstats}
     * (which counts the commands scripts call too, and Redis checks those against the user's ACL), then checking with
     * exactly these that {@code ACL LOG} stays empty. docs/security.md shows the same line. The channel
     * {@code redisee:topic:acl-rooms.*} is the pattern observer's own: Redis allows {@code PSUBSCRIBE} only to patterns
     * listed literally.
     */
    static final String KEYS = "resetkeys ~redisee:* ~jcache_*:{redisee:*} ~redisson_lock__channel:redisee:*"
            + " ~redisson_unlock_latch:redisee:*";
    static final String CHANNELS = "resetchannels &redisee:* &jcache_*:{redisee:*} &redisson_lock__channel:redisee:*";
    static final List<String> COMMANDS = List.of(("-@all +client|setname +ping +info +time"
            + " +get +set +getex +del +exists +pttl +pexpire +pexpireat +incrby +decrby +scan"
            + " +hget +hset +hdel +hexists +hgetall +hmget +hincrby"
            + " +zadd +zrem +zscore +zrange +zrangebyscore"
            + " +xadd +xack +xreadgroup +xgroup|create"
            + " +evalsha +evalsha_ro +script|load"
            + " +publish +subscribe +unsubscribe +psubscribe +punsubscribe +spublish +ssubscribe +sunsubscribe").split(" "));

    /** The rules for an application whose key prefix is {@code prefix} (under {@code redisee:}, which they allow). */
    static String rules(String prefix, List<String> commands) {
        return KEYS + " " + CHANNELS + " &" + prefix + ":topic:acl-rooms.* " + String.join(" ", commands);
    }

    private static final String USER = "redisee-app";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    @Singleton // no client proxy: the test reads the fields
    public static class Features {
        final AtomicInteger computed = new AtomicInteger();
        final AtomicInteger locked = new AtomicInteger();

        @Inject RedissonClient redis;
        @Inject RedisClients clients;
        @Inject @Readiness RedisReadinessCheck readiness;
        @Inject @JCacheName("redisee:jcache:profiles") Cache<String, String> jcache;
        @Inject @RateLimitName("acl-programmatic") RateLimiter limiter;

        @Cached(cache = "acl-plain")
        public String plain(String id) {
            computed.incrementAndGet();
            return "plain " + id;
        }

        @Cached(cache = "acl-near")
        public String near(String id) {
            computed.incrementAndGet();
            return "near " + id;
        }

        @CacheUpdate(cache = "acl-near")
        public String updateNear(String id) {
            return "updated " + id;
        }

        @CacheEvictAll(cache = "acl-plain")
        public void clearPlain() {
        }

        @CacheEvict(cache = "acl-near")
        public void forgetNear(String id) {
        }

        @Cached(cache = "acl-idle")
        public String idle(String id) {
            computed.incrementAndGet();
            return "idle " + id;
        }

        @RateLimited(name = "acl-fixed", limit = 1, window = "PT1M", algorithm = RateLimitAlgorithm.FIXED_WINDOW)
        public String fixed() {
            return "ok";
        }

        @RateLimited(name = "acl-bucket", limit = 1, window = "PT1M", algorithm = RateLimitAlgorithm.TOKEN_BUCKET)
        public String bucket() {
            return "ok";
        }

        @Locked(name = "acl-tick", atMostEvery = "1m")
        public void tick() {
            locked.incrementAndGet();
        }

        @RateLimited(name = "acl-limit", limit = 2, window = "PT1M")
        public String limited() {
            return "ok";
        }

        @Locked(name = "acl-job", waitFor = "5s")
        public void job() {
            locked.incrementAndGet();
        }
    }

    /** Publishes and observes: a plain topic, a pattern, and a reliable topic. */
    @Singleton
    public static class Node {
        @Inject @RedisTopic("acl-chat") Event<Message> chat;
        @Inject @RedisTopic("acl-rooms.lobby") Event<Message> lobby;
        @Inject @RedisTopic("acl-orders") Event<Message> orders;
        @Inject @RedisTopic("acl-shard") Event<Message> shard;
        final List<String> heard = new CopyOnWriteArrayList<>();

        void chat(@Observes @RedisTopic("acl-chat") Message message) {
            heard.add("chat " + message.text);
        }

        void rooms(@Observes @RedisTopic("acl-rooms.*") Message message) {
            heard.add("rooms " + message.text);
        }

        void orders(@Observes @RedisTopic("acl-orders") Message message) {
            heard.add("orders " + message.text);
        }

        void shard(@Observes @RedisTopic("acl-shard") Message message) {
            heard.add("shard " + message.text);
        }
    }

    public static class Message {
        public String text;

        public Message() {
        }

        Message(String text) {
            this.text = text;
        }
    }

    private static Map<String, String> config(RedisStandalone redis, String prefix, String user, String password, String... more) {
        Map<String, String> config = new HashMap<>(Map.of(
                "redisee.url", "redis://" + redis.host() + ":" + redis.port(),
                "redisee.key-prefix", prefix,
                "redisee.username", user,
                "redisee.password", password,
                "redisee.metrics.backend", "none",
                "redisee.cache.acl-near.near-cache", "true",
                "redisee.ratelimit.acl-programmatic.limit", "5",
                "redisee.topic.acl-orders.reliable", "true"));
        config.put("redisee.topic.acl-shard.sharded", "true");
        config.put("redisee.cache.acl-idle.max-idle", "1m");
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    @Test
    void everyCapabilityWorksAsAUserLimitedToRedisEEsKeysChannelsAndCommands(@PrivateServer RedisStandalone redis) throws Exception {
        try (RedisCommands admin = redis.connect(); CapturedLogs logs = new CapturedLogs()) {
            admin.call("CONFIG", "RESETSTAT");
            List<String> denied = runAs(redis, admin, "redisee", rules("redisee", COMMANDS));
            Map<String, String> stats = admin.info("commandstats");
            System.out.println("[acl] commands used: " + new java.util.TreeSet<>(stats.keySet()));
            assertEquals(List.of(), denied, "Redis refused nothing to " + USER + " with " + rules("redisee", COMMANDS));
            String logged = logs.text();
            assertTrue(logged.contains("RedisEE started clients"), "the logs were captured");
            assertFalse(logged.contains(PASSWORD), "the password appears in no log line");
        }
    }

    /**
     * Each command of the rules is needed: without it, a capability fails or Redis refuses something. Opt-in
     * ({@code -Dredisee.test.acl-minimality=true}, 44 runs of the capabilities, about 85 s; or a comma-separated list
     * such as {@code +eval,+xack}): run when RedisEE or Redisson changes how it talks to Redis, and update
     * {@link #COMMANDS} and docs/security.md.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "redisee.test.acl-minimality", matches = ".+")
    void everyCommandOfTheRulesIsNeeded(@PrivateServer RedisStandalone redis) {
        String only = System.getProperty("redisee.test.acl-minimality");
        List<String> candidates = only.equals("true") ? COMMANDS.subList(1, COMMANDS.size()) : List.of(only.split(","));
        List<String> notNeeded = new ArrayList<>();
        try (RedisCommands admin = redis.connect()) {
            int run = 0;
            for (String command : candidates) {
                List<String> without = new ArrayList<>(COMMANDS);
                without.remove(command);
                String prefix = "redisee:run" + (++run);
                String outcome;
                try {
                    List<String> denied = runAs(redis, admin, prefix, rules(prefix, without));
                    outcome = denied.isEmpty() ? "NOT NEEDED" : "refused: " + denied;
                } catch (Exception | AssertionError e) {
                    outcome = "failed: " + e.toString().lines().findFirst().orElse("");
                }
                System.out.println("[acl minimality] without " + command + ": " + outcome);
                if (outcome.equals("NOT NEEDED")) {
                    notNeeded.add(command);
                }
            }
        }
        assertEquals(List.of(), notNeeded, "commands the capabilities do without");
    }

    /**
     * Creates the user with {@code rules}, runs every capability as that user, and returns what Redis refused, apart
     * from Redisson's own probe when a client starts (MasterSlaveConnectionManager.detectCluster: an EVAL of GET test1
     * and GET test2, looking for CROSSSLOT behind a proxy), which Redisson ignores when refused: nothing of RedisEE's
     * needs EVAL (scripts go as EVALSHA).
     */
    private static List<String> runAs(RedisStandalone redis, RedisCommands admin, String prefix, String rules) throws Exception {
        admin.call("ACL", "SETUSER", USER, "reset");
        List<String> setUser = new ArrayList<>(List.of("ACL", "SETUSER", USER, "on", ">" + PASSWORD));
        setUser.addAll(List.of(rules.trim().split("\\s+")));
        admin.call(setUser.toArray(String[]::new));
        admin.call("ACL", "LOG", "RESET");
        try {
            exercise(redis, prefix);
        } finally {
            System.out.println("[acl] refused: " + denials(admin));
        }
        return denials(admin).stream().filter(d -> !d.startsWith("command eval (toplevel")).toList();
    }

    @Test
    void aWrongPasswordFailsClearlyAndNoPasswordIsLogged(@PrivateServer RedisStandalone redis) {
        String wrong = "wrong-" + UUID.randomUUID();
        try (RedisCommands admin = redis.connect(); CapturedLogs logs = new CapturedLogs()) {
            admin.call("ACL", "SETUSER", USER, "reset", "on", ">" + PASSWORD, "~redisee:*", "-@all", "+ping", "+client|setname");
            RuntimeException failure = assertThrows(RuntimeException.class, () -> TestContainer.start(
                    config(redis, "redisee", USER, wrong, "redisee.fail-fast", "true"), Features.class).close());
            String message = messages(failure);
            System.out.println("[acl wrong password] " + message.lines().filter(l -> l.contains("fail-fast")).findFirst().orElse(message));
            assertTrue(message.contains("WRONGPASS"), message);
            assertFalse(message.contains(wrong) || message.contains(PASSWORD), "no password in the failure");

            // without fail-fast the application starts and readiness says why, as does a missing permission (INFO)
            try (TestContainer app = TestContainer.start(config(redis, "redisee", USER, wrong), Features.class)) {
                HealthCheckResponse health = app.select(Features.class).readiness.call();
                assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
                String reason = String.valueOf(health.getData().orElseThrow().get("default.reason"));
                System.out.println("[acl wrong password, readiness] " + reason);
                assertTrue(reason.contains("WRONGPASS"), reason);
            }
            try (TestContainer app = TestContainer.start(config(redis, "redisee", USER, PASSWORD), Features.class)) {
                HealthCheckResponse health = app.select(Features.class).readiness.call();
                String reason = String.valueOf(health.getData().orElseThrow().get("default.reason"));
                System.out.println("[acl without +info, readiness] " + reason);
                assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
                assertTrue(reason.contains("NOPERM") && reason.contains("info"), reason);
            }
            String logged = logs.text();
            assertTrue(logged.contains("WRONGPASS"), "the logs were captured");
            assertFalse(logged.contains(wrong) || logged.contains(PASSWORD), "no password in the logs");
        }
    }

    /** Runs every capability as the restricted user. */
    private static void exercise(RedisStandalone redis, String prefix) throws Exception {
        try (TestContainer a = TestContainer.start(config(redis, prefix, USER, PASSWORD, "redisee.node-id", "node-a"), Features.class, Node.class);
             TestContainer b = TestContainer.start(config(redis, prefix, USER, PASSWORD, "redisee.node-id", "node-b"), Node.class)) {
            Features f = a.select(Features.class);
            // client injection
            f.redis.getBucket("redisee:app:greeting").set("hello");
            assertEquals("hello", f.redis.getBucket("redisee:app:greeting").get());
            // health
            HealthCheckResponse health = f.readiness.call();
            assertEquals(HealthCheckResponse.Status.UP, health.getStatus(), String.valueOf(health.getData()));
            // @Cached, with and without the near cache, lock-on-miss, update, evict-all
            assertEquals("plain 1", f.plain("1"));
            assertEquals("plain 1", f.plain("1"));
            assertEquals("near 1", f.near("1"));
            assertEquals("near 1", f.near("1"));
            assertEquals(2, f.computed.get(), "hits");
            assertEquals("updated 1", f.updateNear("1"));
            f.clearPlain();
            f.plain("1");
            assertEquals(3, f.computed.get(), "evicted");
            f.forgetNear("1");
            f.idle("1");
            assertEquals("idle 1", f.idle("1"));
            assertEquals(4, f.computed.get(), "a max-idle hit");
            // JCache
            f.jcache.put("ada", "Ada");
            assertEquals("Ada", f.jcache.get("ada"));
            assertFalse(f.jcache.putIfAbsent("ada", "other"));
            assertEquals("Ada", f.jcache.getAndReplace("ada", "Ada L."));
            assertTrue(f.jcache.containsKey("ada"));
            assertEquals(Map.of("ada", "Ada L."), f.jcache.getAll(java.util.Set.of("ada", "bob")));
            assertTrue(f.jcache.remove("ada"));
            f.jcache.put("bob", "Bob");
            f.jcache.clear();
            assertFalse(f.jcache.containsKey("bob"));
            // rate limits
            f.limited();
            f.limited();
            assertThrows(RateLimitExceededException.class, f::limited);
            assertTrue(f.limiter.tryAcquire("u1", 1).allowed());
            f.limiter.reset("u1");
            f.fixed();
            assertThrows(RateLimitExceededException.class, f::fixed);
            f.bucket();
            assertThrows(RateLimitExceededException.class, f::bucket);
            // locks
            f.job();
            f.tick();
            f.tick();
            assertEquals(2, f.locked.get(), "the second tick within atMostEvery is skipped");
            // events: plain, pattern and reliable, across two nodes
            Node nodeA = a.select(Node.class);
            Node nodeB = b.select(Node.class);
            nodeA.chat.fire(new Message("hi"));
            nodeA.lobby.fire(new Message("lobby"));
            nodeA.orders.fire(new Message("o1"));
            nodeA.shard.fire(new Message("s1"));
            awaitTrue(() -> nodeB.heard.containsAll(List.of("chat hi", "rooms lobby", "orders o1", "shard s1")),
                    () -> "B heard " + nodeB.heard);
        }
        // sessions, with the expiry sweep and sessions by principal
        try (SessionWebApp web = new SessionWebApp(config(redis, prefix, USER, PASSWORD, "redisee.session.enabled", "true",
                "redisee.session.expiry-sweep.interval", "200ms", "redisee.session.max-per-principal", "5"))) {
            String cookie = web.get("set?name=a&value=1", null, "X-User", "ada").cookie();
            assertNotNull(cookie);
            assertEquals("1", web.get("get?name=a", cookie, "X-User", "ada").body());
            SessionRegistry registry = web.app.select(SessionRegistry.class);
            assertEquals(1, registry.sessionsOf("ada").size());
            web.get("set?name=b&value=2", cookie, "X-User", "ada");
            String changed = web.get("change-id", cookie, "X-User", "ada").cookie();
            assertEquals(200, web.get("invalidate", changed, "X-User", "ada").status());
            web.get("set?name=c&value=3", null, "X-User", "bob");
            assertEquals(1, registry.invalidateAll("bob"));
            // one that expires: the sweep ends it
            String expiring = web.get("set?name=a&value=1", null).cookie();
            web.get("set?name=t&value=1", expiring);
            assertEquals(200, web.get("timeout?seconds=1", expiring).status());
            Thread.sleep(1_600);
            assertEquals("no session", web.get("get?name=a", expiring).body());
        }

    }

    /** What ACL LOG holds, one line per entry: reason, object, command. */
    private static List<String> denials(RedisCommands admin) {
        List<String> lines = new ArrayList<>();
        for (Object entry : (List<?>) admin.execute("ACL", "LOG", "128")) {
            List<?> fields = (List<?>) entry;
            Map<String, Object> byName = new HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                byName.put(String.valueOf(fields.get(i)), fields.get(i + 1));
            }
            lines.add(byName.get("reason") + " " + byName.get("object") + " (" + byName.get("context") + ", count "
                    + byName.get("count") + ", user " + byName.get("username") + ")");
        }
        return lines;
    }

    private static void awaitTrue(BooleanSupplier condition, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                assertTrue(condition.getAsBoolean(), what.get());
            }
            Thread.sleep(20);
        }
    }
}
