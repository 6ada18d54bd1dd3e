package org.redisee.session;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.TestContainer;
import org.redisee.testing.PrivateServer;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.redisee.Failures.messages;

/** HTTP sessions in Redis, through RedisEE's filter in a real servlet container (Undertow) and a real Redis. */
@ExtendWith(RedisServerExtension.class)
class RedisSessionTest {

    private static final String KEY_1 = "k1:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final String KEY_2 = "k2:" + Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

    /** The expiry sweep's script would show in command counts. */
    private static final String SWEEP_INTERVAL = "redisee.session.expiry-sweep.interval";

    private String prefix;

    @BeforeEach
    void freshPrefix() {
        prefix = "st" + UUID.randomUUID().toString().substring(0, 8);
        RecordingSessionListener.EVENTS.clear();
    }

    private Map<String, String> config(RedisStandalone redis, String... more) {
        return TestContainer.with(Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix,
                "redisee.session.enabled", "true", "redisee.metrics.backend", "none",
                "redisee.session.serial-filter", "org.redisee.session.RecordingSessionListener$Bound"), more);
    }

    /** The Redis key of the session a cookie ({@code SESSION=<id>.<version>}) names. */
    private String key(String cookie) {
        return prefix + ":session:{" + id(cookie) + "}";
    }

    private static String id(String cookie) {
        String value = cookie.substring("SESSION=".length());
        return value.contains(".") ? value.substring(0, value.indexOf('.')) : value;
    }

    @Test
    void aSessionLivesInRedisAndReadsWithinTheTouchIntervalSendNothing(RedisStandalone redis) {
        try (SessionWebApp web = new SessionWebApp(config(redis, SWEEP_INTERVAL, "1h"));
             RedisCommands commands = redis.connect()) {
            SessionWebApp.Response created = web.get("set?name=a&value=1", null);
            assertEquals(200, created.status(), created.body());
            assertEquals(1, created.setCookies().size(), "one cookie, set once: " + created.setCookies());
            String header = created.setCookies().get(0);
            assertTrue(header.matches("SESSION=[A-Za-z0-9_-]{43}\\.1; Path=/app; HttpOnly; SameSite=Lax"), header);
            String cookie = created.cookie();
            long ttl = commands.callLong("PTTL", key(cookie));
            assertTrue(ttl > 30 * 60_000 && ttl <= 40 * 60_000, "30 min inactive plus the sweep's grace: " + ttl);
            assertEquals("1", commands.call("HEXISTS", key(cookie), "a:a"));

            commands.call("CONFIG", "RESETSTAT");
            for (int i = 0; i < 20; i++) {
                assertEquals("1", web.get("get?name=a", cookie).body());
            }
            Map<String, String> stats = commands.info("commandstats");
            stats.keySet().removeIf(command -> command.startsWith("cmdstat_config"));
            assertEquals(Map.of(), stats, "20 read-only requests within the touch interval: no command at all");
        }
    }

    @Test
    void withoutTheLocalCopyAReadIsOneReadAndNoWrite(RedisStandalone redis) {
        try (SessionWebApp web = new SessionWebApp(config(redis, "redisee.session.local-copy", "false", SWEEP_INTERVAL, "1h"));
             RedisCommands commands = redis.connect()) {
            String cookie = web.get("set?name=a&value=1", null).cookie();
            commands.call("CONFIG", "RESETSTAT");
            for (int i = 0; i < 20; i++) {
                assertEquals("1", web.get("get?name=a", cookie).body());
            }
            Map<String, String> stats = commands.info("commandstats");
            stats.keySet().removeIf(command -> command.startsWith("cmdstat_config"));
            assertEquals(java.util.Set.of("cmdstat_hgetall"), stats.keySet(), stats.toString());
            assertTrue(stats.get("cmdstat_hgetall").startsWith("calls=20,"), stats.toString());
        }
    }

    @Test
    void onlyTheChangedAttributeIsWritten(RedisStandalone redis) {
        try (SessionWebApp web = new SessionWebApp(config(redis, SWEEP_INTERVAL, "1h"));
             RedisCommands commands = redis.connect()) {
            String cookie = web.get("set?name=a&value=1", null).cookie();
            web.get("set?name=b&value=2", cookie);
            // A marker no serializer writes: if a were written again, the marker would be gone.
            commands.call("HSET", key(cookie), "a:marker", "untouched");
            commands.call("CONFIG", "RESETSTAT");
            web.get("set?name=b&value=3", cookie);
            Map<String, String> stats = commands.info("commandstats");
            assertEquals("calls=1", stats.get("cmdstat_hset").split(",")[0], "one HSET, of the changed field: " + stats);
            assertEquals("untouched", commands.call("HGET", key(cookie), "a:marker"));
            assertEquals("3", web.get("get?name=b", cookie).body());
        }
    }

    @Test
    void objectsChangedInPlaceAreSavedUnlessTheSaveModeIsOnSetAttribute(RedisStandalone redis) {
        try (SessionWebApp web = new SessionWebApp(config(redis))) {
            String cookie = web.get("append?name=list&value=x", null).cookie();
            web.get("append?name=list&value=y", cookie);
            assertEquals("[x, y]", web.get("get?name=list", cookie).body(), "on-get-attribute, the default");
        }
        prefix = prefix + "b";
        // Without the local copy, each request reads Redis: an in-place change on a node's copy does not show.
        try (SessionWebApp web = new SessionWebApp(config(redis, "redisee.session.save-mode", "on-set-attribute",
                "redisee.session.local-copy", "false"))) {
            String cookie = web.get("append?name=list&value=x", null).cookie();
            web.get("append?name=list&value=y", cookie);
            assertEquals("[x]", web.get("get?name=list", cookie).body(), "on-set-attribute: only setAttribute saves");
        }
    }

    @Test
    void listenersHearOfCreationAttributesIdChangesAndInvalidation(RedisStandalone redis) {
        try (SessionWebApp web = new SessionWebApp(config(redis));
             RedisCommands commands = redis.connect()) {
            String cookie = web.get("bound?name=x&value=one", null).cookie();
            web.get("bound?name=x&value=two", cookie);
            SessionWebApp.Response changed = web.get("change-id", cookie);
            String newCookie = changed.cookie();
            assertNotEquals(cookie, newCookie);
            assertEquals(changed.body(), id(newCookie));
            assertEquals(0, commands.callLong("EXISTS", key(cookie)), "the old id is gone");
            assertEquals("two", web.get("get?name=x", newCookie).body(), "the data moved to the new id");
            assertEquals("no session", web.get("get?name=x", cookie).body());
            SessionWebApp.Response invalidated = web.get("invalidate", newCookie);
            assertTrue(invalidated.setCookies().get(0).startsWith("SESSION=; Path=/app; Max-Age=0"), invalidated.setCookies().toString());
            assertEquals(0, commands.callLong("EXISTS", key(newCookie)));
            assertEquals(List.of("created", "bound one", "added x=one", "bound two", "unbound one", "replaced x=one",
                    "id changed", "destroyed [x]", "unbound two", "removed x=two"), RecordingSessionListener.EVENTS);
        }
    }

    @Test
    void expiredSessionsAreEndedWithTheirListenersWithoutKeyspaceNotifications(RedisStandalone redis) throws Exception {
        try (SessionWebApp web = new SessionWebApp(config(redis, "redisee.session.timeout", "1s",
                "redisee.session.touch-interval", "200ms", "redisee.session.expiry-sweep.interval", "200ms"));
             RedisCommands commands = redis.connect()) {
            assertEquals(List.of("notify-keyspace-events", ""), commands.execute("CONFIG", "GET", "notify-keyspace-events"),
                    "keyspace notifications are off, as on many managed Redis services");
            String cookie = web.get("bound?name=x&value=short", null).cookie();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((commands.callLong("EXISTS", key(cookie)) > 0 || commands.callLong("ZCARD", prefix + ":session:expiries") > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of("created", "bound short", "added x=short", "destroyed [x]", "unbound short",
                    "removed x=short"), RecordingSessionListener.EVENTS);
            assertEquals(0, commands.callLong("EXISTS", key(cookie)));
            assertEquals(0, commands.callLong("ZCARD", prefix + ":session:expiries"));
            assertEquals("no session", web.get("get?name=x", cookie).body());
        }
    }

    @Test
    void sessionsByPrincipalAreListedLimitedAndEndedEverywhere(RedisStandalone redis) {
        try (SessionWebApp web = new SessionWebApp(config(redis, "redisee.session.max-per-principal", "2"));
             RedisCommands commands = redis.connect()) {
            String first = web.get("set?name=a&value=1", null, "X-User", "ada", "User-Agent", "phone").cookie();
            String second = web.get("set?name=a&value=2", null, "X-User", "ada", "User-Agent", "laptop").cookie();
            String bobs = web.get("set?name=a&value=3", null, "X-User", "bob").cookie();
            SessionRegistry registry = web.app.select(SessionRegistry.class);
            List<SessionRegistry.SessionInfo> adas = registry.sessionsOf("ada");
            assertEquals(List.of("laptop", "phone"), adas.stream().map(SessionRegistry.SessionInfo::userAgent).toList(),
                    "most recent first");
            assertEquals("127.0.0.1", adas.get(0).address());
            long ttl = commands.callLong("PTTL", prefix + ":session:principal:{ada}");
            assertTrue(ttl > 0, "the index expires: " + ttl);

            String third = web.get("set?name=a&value=4", null, "X-User", "ada", "User-Agent", "tablet").cookie();
            assertEquals("no session", web.get("get?name=a", first).body(), "max-per-principal=2 ended the oldest");
            assertEquals(2, registry.sessionsOf("ada").size());

            assertEquals(2, registry.invalidateAll("ada"), "log out everywhere");
            assertEquals("no session", web.get("get?name=a", second).body());
            assertEquals("no session", web.get("get?name=a", third).body());
            assertEquals("3", web.get("get?name=a", bobs).body(), "another user is not affected");
            assertEquals(3, RecordingSessionListener.EVENTS.stream().filter(e -> e.startsWith("destroyed")).count());
        }
    }

    @Test
    void aMechanismLoginIsKeptInTheSessionUnderANewId(RedisStandalone redis) {
        try (SessionWebApp web = new SessionWebApp(config(redis));
             RedisCommands commands = redis.connect()) {
            String anonymous = web.get("set?name=a&value=1", null).cookie();
            SessionWebApp.Response login = web.get("get?name=a", anonymous, "X-Login", "ada");
            assertEquals("1", login.body());
            String loggedIn = login.cookie();
            assertNotNull(loggedIn, "a new id at login, against session fixation");
            assertNotEquals(anonymous, loggedIn);
            assertEquals("ada", commands.call("HGET", key(loggedIn), "#principal"));
            assertEquals("login\nuser", commands.call("HGET", key(loggedIn), "#login"));
            assertEquals("no session", web.get("get?name=a", anonymous).body(), "the anonymous id is gone");
            assertEquals(1, web.app.select(SessionRegistry.class).sessionsOf("ada").size());
        }
    }

    @Test
    void attributesAreEncryptedAtRestAndOldKeysStayReadable(RedisStandalone redis) {
        String cookie;
        try (SessionWebApp web = new SessionWebApp(config(redis, "redisee.session.encryption.keys", KEY_1))) {
            cookie = web.get("set?name=secret&value=hunter2", null).cookie();
            byte[] stored = raw(web.app, key(cookie), "a:secret");
            assertEquals(SessionEncryption.MARKER, stored[0]);
            assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("hunter2"));
            assertTrue(new String(stored, StandardCharsets.ISO_8859_1).startsWith("\u0001\u0002k1"), "key id k1");
        }
        try (SessionWebApp web = new SessionWebApp(config(redis, "redisee.session.encryption.keys", KEY_2 + "," + KEY_1))) {
            assertEquals("hunter2", web.get("get?name=secret", cookie).body(), "written under k1, read after rotating to k2");
            web.get("set?name=other&value=x", cookie);
            assertTrue(new String(raw(web.app, key(cookie), "a:other"), StandardCharsets.ISO_8859_1).startsWith("\u0001\u0002k2"),
                    "new data uses the new key");
        }
        try (SessionWebApp web = new SessionWebApp(config(redis))) {
            assertEquals("null", web.get("get?name=secret", cookie).body(), "without the key the value is not readable");
            assertEquals("[]", web.get("names", cookie).body());
        }
    }

    @Test
    void aRefusedClassIsNotReadAndTheRestOfTheSessionLoads(RedisStandalone redis) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        // Without the local copy, so that each request reads what was written into Redis behind the node's back.
        try (SessionWebApp web = new SessionWebApp(config(redis, "redisee.metrics.backend", "micrometer",
                "redisee.session.local-copy", "false"));
             RedisCommands commands = redis.connect()) {
            String cookie = web.get("set?name=a&value=1", null).cookie();
            // Written straight into Redis, as someone who can reach Redis could: each is refused before any of its code
            // runs, and counted.
            Map<String, byte[]> hostile = new java.util.LinkedHashMap<>();
            hostile.put("evil", serialized(new Gadget("rm -rf /")));
            hostile.put("unknown", serialized(new Gadget("x"))); // then renamed to a class this application does not have
            byte[] unknown = hostile.get("unknown");
            String name = Gadget.class.getName();
            String missing = name.substring(0, name.length() - 1) + "X";
            int at = new String(unknown, StandardCharsets.ISO_8859_1).indexOf(name);
            System.arraycopy(missing.getBytes(StandardCharsets.ISO_8859_1), 0, unknown, at, missing.length());
            List<Object> deep = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                deep = new java.util.ArrayList<>(List.of(deep));
            }
            hostile.put("deep", serialized(deep)); // beyond the allow-list's depth of 64
            hostile.put("huge-array", hugeArrayLength(serialized(new int[] {1, 2, 3}))); // claims 2^31-1 elements
            hostile.put("garbage", "not serialized at all".getBytes(StandardCharsets.UTF_8));
            var map = web.app.select(RedissonClient.class).<String, byte[]>getMap(key(cookie),
                    new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE));
            hostile.forEach((field, bytes) -> map.put("a:" + field, bytes));
            for (String field : hostile.keySet()) {
                SessionWebApp.Response read = web.get("get?name=" + field, cookie);
                assertEquals(200, read.status(), field);
                assertEquals("null", read.body(), field);
            }
            assertFalse(Gadget.RAN, "the gadget's readObject never ran");
            assertEquals("1", web.get("get?name=a", cookie).body(), "the rest of the session loads");
            assertEquals("[a]", web.get("names", cookie).body(), "refused attributes are not listed");
            web.get("set?name=b&value=2", cookie);
            for (String field : hostile.keySet()) {
                assertEquals("1", commands.call("HEXISTS", key(cookie), "a:" + field), "nothing is lost: " + field + " stays in Redis as it was");
            }
            // read twice each (its own get, then names), without the local copy: every refusal counted
            assertEquals(2 * hostile.size(), registry.get("redisee.session.refused-attributes").counter().count(), 0.0,
                    "each refusal counted");
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void forgedMalformedAndOversizedCookiesGiveANewSessionNeverAnError(RedisStandalone redis) {
        try (SessionWebApp web = new SessionWebApp(config(redis, SWEEP_INTERVAL, "1h"));
             RedisCommands commands = redis.connect()) {
            String real = web.get("set?name=a&value=mine", null).cookie();
            String realId = id(real);
            // a hash under a well-formed id that RedisEE did not write
            String planted = RedisSessions.newId();
            commands.call("HSET", prefix + ":session:{" + planted + "}", "#created", "yesterday", "a:a", "planted");
            List<String> malformed = List.of("forged", realId.substring(1), realId + "x", realId + ".not-a-version",
                    realId + ".99999999999999999999", realId + ".-1", realId + ".", "A".repeat(64 * 1024), "*", "{" + realId + "}",
                    "}" + realId.substring(1), realId.substring(0, 42) + "*", "%0d%0aSet-Cookie:%20evil=1", "../../" + realId,
                    "%00" + realId.substring(3), "\u00e9" + realId.substring(1));
            commands.call("CONFIG", "RESETSTAT");
            for (String value : malformed) {
                SessionWebApp.Response response = web.get("get?name=a", "SESSION=" + value);
                assertEquals(200, response.status(), abbreviated(value));
                assertEquals("no session", response.body(), abbreviated(value));
            }
            Map<String, String> stats = commands.info("commandstats");
            stats.keySet().removeIf(command -> command.startsWith("cmdstat_config"));
            assertEquals(Map.of(), stats, "a cookie that holds no id of ours is not looked up in Redis");

            List<String> hostile = new java.util.ArrayList<>(malformed);
            hostile.add(RedisSessions.newId()); // well-formed, unknown
            hostile.add(planted);               // well-formed, a hash that is no session
            for (String value : hostile) {
                SessionWebApp.Response created = web.get("set?name=a&value=new", "SESSION=" + value);
                assertEquals(200, created.status(), abbreviated(value));
                String fresh = created.cookie();
                assertNotNull(fresh, "a new session: " + abbreviated(value));
                assertNotEquals(realId, id(fresh));
                assertNotEquals(planted, id(fresh));
                assertEquals("new", web.get("get?name=a", fresh).body());
            }
            assertEquals("mine", web.get("get?name=a", real).body(), "the real session is untouched");
            assertEquals("yesterday", commands.call("HGET", prefix + ":session:{" + planted + "}", "#created"),
                    "what is not a session stays as it was");
        }
    }

    @Test
    void anAttributeOverTheSizeLimitIsRefusedClearlyAndTheRestOfTheSessionStays(RedisStandalone redis) throws Exception {
        Map<String, String> limited = config(redis, "redisee.session.max-attribute-size", "4096");
        String cookie;
        String part = "y".repeat(3000);
        try (SessionWebApp web = new SessionWebApp(limited);
             RedisCommands commands = redis.connect()) {
            cookie = web.get("set?name=a&value=1", null).cookie();
            SessionWebApp.Response refused = web.get("fill?name=big&size=5000", cookie);
            assertEquals(413, refused.status(), refused.body());
            assertTrue(refused.body().startsWith("Session attribute 'big' is 50") && refused.body().contains(
                    "bytes serialized, more than redisee.session.max-attribute-size (4096 bytes), so it is not stored"), refused.body());
            assertEquals("null", web.get("get?name=big", cookie).body());
            assertEquals(0, commands.callLong("HEXISTS", key(cookie), "a:big"));
            assertEquals(200, web.get("fill?name=big&size=4000", cookie).status(), "within the limit");

            // grown in place past the limit (no setAttribute): the end of the request cannot store it, and says so
            web.get("append?name=list&value=" + part, cookie);
            long stored = commands.callLong("HSTRLEN", key(cookie), "a:list");
            assertEquals(500, web.get("append?name=list&value=" + part, cookie).status(),
                    "the request fails rather than losing the change silently");
            assertEquals(stored, commands.callLong("HSTRLEN", key(cookie), "a:list"), "Redis keeps the last stored form");
        }
        // another node (the first is gone: CDI.current() would find its sessions): what Redis holds
        try (SessionWebApp other = new SessionWebApp(limited)) {
            // larger than the limit in Redis (written there directly): refused when read, the rest loads
            other.app.select(RedissonClient.class).<String, byte[]>getMap(key(cookie),
                    new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE)).put("a:huge", serialized("z".repeat(10_000)));
            assertEquals("null", other.get("get?name=huge", cookie).body());
            assertEquals("[" + part + "]", other.get("get?name=list", cookie).body(), "the last stored form of the list");
            assertEquals("1", other.get("get?name=a", cookie).body(), "the rest of the session loads");
        }
    }

    private static String abbreviated(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "... (" + value.length() + " characters)";
    }

    private static byte[] serialized(Object value) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** A serialized int[] whose length field claims Integer.MAX_VALUE elements. */
    private static byte[] hugeArrayLength(byte[] serializedIntArray) {
        byte[] forged = serializedIntArray.clone();
        int lengthAt = forged.length - 3 * 4 - 4; // the length precedes the three ints at the end
        forged[lengthAt] = 0x7f;
        forged[lengthAt + 1] = (byte) 0xff;
        forged[lengthAt + 2] = (byte) 0xff;
        forged[lengthAt + 3] = (byte) 0xff;
        return forged;
    }

    @Test
    void whenRedisIsDownTheAnswerIs503NeverANewSession() throws InterruptedException {
        try (RedisStandalone redis = RedisServers.newStandalone();
             SessionWebApp web = new SessionWebApp(config(redis, "redisee.session.local-copy", "false"))) {
            String cookie = web.get("set?name=a&value=1", null).cookie();
            redis.stop();
            try {
                SessionWebApp.Response withSession = web.get("get?name=a", cookie);
                assertEquals(503, withSession.status(), withSession.body());
                assertTrue(withSession.body().contains("session store is unavailable"), withSession.body());
                assertTrue(withSession.setCookies().isEmpty(), "no new session: " + withSession.setCookies());
                assertEquals(503, web.get("set?name=a&value=1", null).status(), "a new session cannot be stored either");
            } finally {
                redis.start();
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                status = web.get("set?name=a&value=2", null).status();
                Thread.sleep(200);
            }
            assertEquals(200, status, "sessions work again once Redis is back");
        }
    }

    @Test
    void badSessionSettingsFailTheDeploymentNamingTheKey(RedisStandalone redis) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> TestContainer.start(config(redis,
                "redisee.session.save-mode", "sometimes",
                "redisee.session.cookie.nam", "X",
                "redisee.session.encryption.keys", "k1:not-base64!")).close());
        String message = messages(failure);
        for (String expected : List.of("redisee.session.save-mode='sometimes'",
                "redisee.session.cookie.nam is not a RedisEE session key",
                "Entry 1 of redisee.session.encryption.keys (value not shown: it is a secret)")) {
            assertTrue(message.contains(expected), "expected '" + expected + "' in:\n" + message);
        }
        assertFalse(message.contains("not-base64!"), "secrets are not echoed");
    }

    private static byte[] raw(TestContainer app, String key, String field) {
        byte[] value = app.select(RedissonClient.class)
                .<String, byte[]>getMap(key, new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE)).get(field);
        assertNotNull(value, key + " " + field);
        return value;
    }

    /** Stands for a deserialization gadget: its readObject would run code. */
    static final class Gadget implements Serializable {
        static volatile boolean RAN;
        private final String command;

        Gadget(String command) {
            this.command = command;
        }

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            RAN = true;
        }
    }

    @Test
    void aWriteAfterRedisLostItsScriptsLoadsThemAgainAndSucceeds(@PrivateServer RedisStandalone redis) {
        try (SessionWebApp web = new SessionWebApp(config(redis, SWEEP_INTERVAL, "1h"));
             RedisCommands commands = redis.connect()) {
            String cookie = web.get("set?name=a&value=1", null).cookie();
            commands.call("SCRIPT", "FLUSH"); // as after a restart: Redisson still believes the script is there
            SessionWebApp.Response next = web.get("set?name=b&value=2", cookie);
            assertEquals(200, next.status(), next.body());
            assertEquals("1", commands.call("HEXISTS", key(next.cookie() == null ? cookie : next.cookie()), "a:b"),
                    "the write reached Redis");
        }
    }
}
