package org.redisee.security;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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
import org.redisee.testing.RedisCluster;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisSentinel;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;

import javax.cache.Cache;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.redisee.Failures.messages;

/**
 * Every capability as a Redis 6+ ACL user restricted to RedisEE's keys and channels and to the commands RedisEE
 * needs ({@link #rules}, documented in docs/security.md), on real {@code redis-server}s: a standalone server, a
 * 6-node cluster and a sentinel set-up, each with its few extra commands. The test fails if any server refuses
 * anything ({@code ACL LOG}) or a capability does not work. Also: a wrong password fails clearly, and no
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

    /**
     * What a Redis Cluster client needs besides {@link #COMMANDS}, found the same way on all 6 nodes: Redisson reads the
     * topology with {@code CLUSTER NODES} and probes for pattern and sharded pub/sub ({@code PUBSUB NUMPAT},
     * {@code PUBSUB SHARDNUMSUB}), and its lock waits for a replica to have the write ({@code WAIT 1 1000}).
     */
    static final List<String> CLUSTER_COMMANDS = List.of("+cluster|nodes", "+pubsub|numpat", "+pubsub|shardnumsub", "+wait");

    /** What the user needs on a sentinel set-up's master and replica besides {@link #COMMANDS}: the lock's {@code WAIT}. */
    static final List<String> SENTINEL_DATA_COMMANDS = List.of("+wait");

    /**
     * The user on the sentinels, found from their {@code ACL LOG} (sentinels keep no command statistics): Redisson
     * names its connections, pings, and asks where the master, its replicas and the other sentinels are.
     */
    static final String SENTINEL_RULES = "resetkeys resetchannels -@all +client|setname +ping"
            + " +sentinel|get-master-addr-by-name +sentinel|slaves +sentinel|sentinels";

    static List<String> commandsAnd(List<String> more) {
        return Stream.concat(COMMANDS.stream(), more.stream()).toList();
    }

    private static final String USER = "redisee-app";
    private static final String SENTINEL_USER = "redisee-sentinel";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();

    /**
     * The Redis an application is pointed at: the servers that hold its data, each of which gets the user (Redis keeps
     * ACL users per server: neither a cluster nor replication shares them), the sentinels (which have users of their
     * own) as URLs the test administers them by, and the configuration that names them.
     */
    private record Servers(List<String> dataNodes, List<String> sentinels, Map<String, String> address) {

        static Servers of(RedisStandalone redis) {
            return new Servers(List.of(redis.url()), List.of(),
                    Map.of("redisee.url", "redis://" + redis.host() + ":" + redis.port()));
        }

        static Servers of(RedisCluster cluster) {
            return new Servers(cluster.nodeUrls(), List.of(),
                    Map.of("redisee.cluster.nodes", String.join(",", cluster.nodeUrls())));
        }

        /**
         * Gives the sentinels' default user a password first: Redisson authenticates to the sentinels only when one
         * refuses a client without a password, and otherwise ignores {@code redisee.sentinel.username}. The sentinels
         * use that password among themselves ({@code sentinel-user}, {@code sentinel-pass}).
         */
        static Servers of(RedisSentinel sentinel) {
            List<String> sentinels = new ArrayList<>();
            for (String url : sentinel.sentinelUrls()) {
                try (RedisCommands admin = RedisCommands.connect(url)) {
                    admin.call("SENTINEL", "CONFIG", "SET", "sentinel-user", "default");
                    admin.call("SENTINEL", "CONFIG", "SET", "sentinel-pass", ADMIN_PASSWORD);
                    admin.call("ACL", "SETUSER", "default", "resetpass", ">" + ADMIN_PASSWORD);
                }
                sentinels.add(url.replace("redis://", "redis://default:" + ADMIN_PASSWORD + "@"));
            }
            return new Servers(List.of(sentinel.master().url(), sentinel.replica().url()), sentinels, Map.of(
                    "redisee.sentinel.nodes", String.join(",", sentinel.sentinelUrls()),
                    "redisee.sentinel.master", sentinel.masterName(),
                    "redisee.sentinel.username", SENTINEL_USER,
                    "redisee.sentinel.password", PASSWORD));
        }

        List<String> all() {
            return Stream.concat(dataNodes.stream(), sentinels.stream()).toList();
        }
    }

    /** What Redis refused to the user (apart from Redisson's probe), and the commands the data nodes ran, as {@code +name}. */
    private record Outcome(List<String> refused, SortedSet<String> commandsUsed) {
    }

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

    private static Map<String, String> config(Servers servers, String prefix, String user, String password, String... more) {
        Map<String, String> config = new HashMap<>(servers.address());
        config.putAll(Map.of(
                "redisee.key-prefix", prefix,
                "redisee.username", user,
                "redisee.password", password,
                "redisee.metrics.backend", "none",
                "redisee.cache.acl-near.near-cache", "true",
                "redisee.ratelimit.acl-programmatic.limit", "5",
                "redisee.topic.acl-orders.reliable", "true",
                "redisee.topic.acl-shard.sharded", "true",
                "redisee.cache.acl-idle.max-idle", "1m"));
        return TestContainer.with(config, more);
    }

    @Test
    void everyCapabilityWorksAsAUserLimitedToRedisEEsKeysChannelsAndCommands(@PrivateServer RedisStandalone redis) throws Exception {
        assertEveryCapabilityWorks("standalone", Servers.of(redis), COMMANDS);
    }

    @Test
    void everyCapabilityWorksOnAClusterWithAFewMoreCommands(@PrivateServer RedisCluster cluster) throws Exception {
        assertEveryCapabilityWorks("cluster", Servers.of(cluster), commandsAnd(CLUSTER_COMMANDS));
    }

    @Test
    void everyCapabilityWorksWithSentinels(@PrivateServer RedisSentinel sentinel) throws Exception {
        assertEveryCapabilityWorks("sentinel", Servers.of(sentinel), commandsAnd(SENTINEL_DATA_COMMANDS));
    }

    private static void assertEveryCapabilityWorks(String topology, Servers servers, List<String> commands) throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            long started = System.nanoTime();
            Outcome outcome = runAs(servers, "redisee", rules("redisee", commands));
            System.out.println("[acl] " + topology + ": " + (System.nanoTime() - started) / 1_000_000 + " ms, commands used: "
                    + outcome.commandsUsed());
            assertEquals(List.of(), outcome.refused(), "Redis refused nothing to " + USER + " with " + rules("redisee", commands));
            String logged = logs.text();
            assertTrue(logged.contains("RedisEE started clients"), "the logs were captured");
            assertFalse(logged.contains(PASSWORD), "the password appears in no log line");
        }
    }

    /**
     * Each command of the rules is needed: without it, a capability fails or Redis refuses something. Opt-in
     * ({@code -Dredisee.test.acl-minimality=true}, 44 runs of the capabilities, about 85 s; or a comma-separated list
     * such as {@code +xack,+wait}): run when RedisEE or Redisson changes how it talks to Redis, and update
     * {@link #COMMANDS} and docs/security.md.
     */
    @Test
    @EnabledIfSystemProperty(named = "redisee.test.acl-minimality", matches = ".+")
    void everyCommandOfTheRulesIsNeeded(@PrivateServer RedisStandalone redis) {
        assertEachIsNeeded(Servers.of(redis), COMMANDS, COMMANDS.subList(1, COMMANDS.size()));
    }

    /** The same for {@link #CLUSTER_COMMANDS} (4 runs). */
    @Test
    @EnabledIfSystemProperty(named = "redisee.test.acl-minimality", matches = ".+")
    void everyClusterCommandIsNeeded(@PrivateServer RedisCluster cluster) {
        assertEachIsNeeded(Servers.of(cluster), commandsAnd(CLUSTER_COMMANDS), CLUSTER_COMMANDS);
    }

    /** Runs everything once without each of {@code candidates} (or only those the property lists) in turn. */
    private static void assertEachIsNeeded(Servers servers, List<String> commands, List<String> candidates) {
        String only = System.getProperty("redisee.test.acl-minimality");
        List<String> notNeeded = new ArrayList<>();
        int run = 0;
        for (String command : candidates) {
            if (!only.equals("true") && !List.of(only.split(",")).contains(command)) {
                continue;
            }
            List<String> without = new ArrayList<>(commands);
            without.remove(command);
            String prefix = "redisee:run" + (++run);
            String outcome;
            try {
                List<String> denied = runAs(servers, prefix, rules(prefix, without)).refused();
                outcome = denied.isEmpty() ? "NOT NEEDED" : "refused: " + denied;
            } catch (Exception | AssertionError e) {
                outcome = "failed: " + e.toString().lines().findFirst().orElse("");
            }
            System.out.println("[acl minimality] without " + command + ": " + outcome);
            if (outcome.equals("NOT NEEDED")) {
                notNeeded.add(command);
            }
        }
        assertEquals(List.of(), notNeeded, "commands the capabilities do without");
    }

    /**
     * Creates the user with {@code rules} on every data node (and {@link #SENTINEL_RULES} on the sentinels), runs every capability as that user, and returns what
     * Redis refused, apart from Redisson's own probe when a client starts (MasterSlaveConnectionManager.detectCluster:
     * an EVAL of GET test1 and GET test2, looking for CROSSSLOT behind a proxy), which Redisson ignores when refused:
     * nothing of RedisEE's needs EVAL (scripts go as EVALSHA).
     */
    private static Outcome runAs(Servers servers, String prefix, String rules) throws Exception {
        onEach(servers.dataNodes(), admin -> {
            createUser(admin, USER, rules);
            admin.call("CONFIG", "RESETSTAT");
        });
        onEach(servers.sentinels(), admin -> createUser(admin, SENTINEL_USER, SENTINEL_RULES));
        SortedSet<String> used = new TreeSet<>();
        try {
            exercise(servers, prefix);
        } finally {
            // before ACL LOG is read, which the statistics would count; sentinels keep none
            onEach(servers.dataNodes(), admin -> admin.info("commandstats").keySet()
                    .forEach(stat -> used.add("+" + stat.substring("cmdstat_".length()))));
            used.remove("+config|resetstat"); // the test's own
            System.out.println("[acl] refused: " + denials(servers));
        }
        return new Outcome(denials(servers).stream().filter(d -> !d.startsWith("command eval (toplevel")).toList(), used);
    }

    private static void createUser(RedisCommands admin, String user, String rules) {
        List<String> setUser = new ArrayList<>(List.of("ACL", "SETUSER", user, "reset", "on", ">" + PASSWORD));
        setUser.addAll(List.of(rules.trim().split("\\s+")));
        admin.call(setUser.toArray(String[]::new));
        admin.call("ACL", "LOG", "RESET");
    }

    private static void onEach(List<String> servers, Consumer<RedisCommands> action) {
        for (String url : servers) {
            try (RedisCommands admin = RedisCommands.connect(url)) {
                action.accept(admin);
            }
        }
    }

    @Test
    void aWrongPasswordFailsClearlyAndNoPasswordIsLogged(@PrivateServer RedisStandalone redis) {
        Servers servers = Servers.of(redis);
        String wrong = "wrong-" + UUID.randomUUID();
        try (RedisCommands admin = redis.connect(); CapturedLogs logs = new CapturedLogs()) {
            admin.call("ACL", "SETUSER", USER, "reset", "on", ">" + PASSWORD, "~redisee:*", "-@all", "+ping", "+client|setname");
            RuntimeException failure = assertThrows(RuntimeException.class, () -> TestContainer.start(
                    config(servers, "redisee", USER, wrong, "redisee.fail-fast", "true"), Features.class).close());
            String message = messages(failure);
            System.out.println("[acl wrong password] " + message.lines().filter(l -> l.contains("fail-fast")).findFirst().orElse(message));
            assertTrue(message.contains("WRONGPASS"), message);
            assertFalse(message.contains(wrong) || message.contains(PASSWORD), "no password in the failure");

            // without fail-fast the application starts and readiness says why, as does a missing permission (INFO)
            try (TestContainer app = TestContainer.start(config(servers, "redisee", USER, wrong), Features.class)) {
                HealthCheckResponse health = app.select(Features.class).readiness.call();
                assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
                String reason = String.valueOf(health.getData().orElseThrow().get("default.reason"));
                System.out.println("[acl wrong password, readiness] " + reason);
                assertTrue(reason.contains("WRONGPASS"), reason);
            }
            try (TestContainer app = TestContainer.start(config(servers, "redisee", USER, PASSWORD), Features.class)) {
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
    private static void exercise(Servers servers, String prefix) throws Exception {
        try (TestContainer a = TestContainer.start(config(servers, prefix, USER, PASSWORD, "redisee.node-id", "node-a"), Features.class, Node.class);
             TestContainer b = TestContainer.start(config(servers, prefix, USER, PASSWORD, "redisee.node-id", "node-b"), Node.class)) {
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
        try (SessionWebApp web = new SessionWebApp(config(servers, prefix, USER, PASSWORD, "redisee.session.enabled", "true",
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

    /** What ACL LOG holds on every server, one line per entry: reason, object, command, server port. */
    private static List<String> denials(Servers servers) {
        List<String> lines = new ArrayList<>();
        for (String url : servers.all()) {
            try (RedisCommands admin = RedisCommands.connect(url)) {
                for (Object entry : (List<?>) admin.execute("ACL", "LOG", "128")) {
                    List<?> fields = (List<?>) entry;
                    Map<String, Object> byName = new HashMap<>();
                    for (int i = 0; i + 1 < fields.size(); i += 2) {
                        byName.put(String.valueOf(fields.get(i)), fields.get(i + 1));
                    }
                    lines.add(byName.get("reason") + " " + byName.get("object") + " (" + byName.get("context") + ", count "
                            + byName.get("count") + ", user " + byName.get("username") + ", on " + URI.create(url).getPort() + ")");
                }
            }
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
