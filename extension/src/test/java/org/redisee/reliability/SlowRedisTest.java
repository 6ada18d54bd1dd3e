package org.redisee.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisee.Redis;
import org.redisee.client.RedisCircuit;
import org.redisee.client.RedisClients;
import org.redisee.ratelimit.RateLimitExceededException;
import org.redisee.session.SessionWebApp;
import org.redisee.testing.PrivateServer;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis answers late ({@code DEBUG SLEEP}) or holds clients ({@code CLIENT PAUSE}, all commands or only writes) while
 * the application calls it: every call returns or fails within the configured timeout and retries, with a clear error,
 * caches fail open, each rate limit follows its {@code fail-open} setting, HTTP sessions answer 503, and everything
 * works again once Redis does.
 */
@ExtendWith(RedisServerExtension.class)
class SlowRedisTest {

    /** redisee.timeout 500 ms, 1 retry after 100 ms: a call gives up after about 1.1 s. */
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration GIVE_UP = Duration.ofMillis(2 * 500 + 100);
    /** What the tests accept on a busy 2-core machine; the measured times are printed. */
    private static final Duration BOUND = Duration.ofSeconds(4);
    private static final int STALL_SECONDS = 2;

    private static RedisStandalone redis;
    private static SessionWebApp web;
    private static ReliabilityApp.Shop shop;
    private static RedissonClient client;
    private static RedisCircuit circuit;
    private static ReliabilityApp.Orders orders;
    private static String cookie;

    /** What makes Redis slow, for {@link #STALL_SECONDS}. */
    enum Stall {
        DEBUG_SLEEP("DEBUG SLEEP " + STALL_SECONDS, false),
        PAUSE_ALL("CLIENT PAUSE " + STALL_SECONDS * 1000 + " ALL", false),
        PAUSE_WRITE("CLIENT PAUSE " + STALL_SECONDS * 1000 + " WRITE", true);

        final String command;
        final boolean readsServed;

        Stall(String command, boolean readsServed) {
            this.command = command;
            this.readsServed = readsServed;
        }
    }

    @BeforeAll
    static void start(@PrivateServer RedisStandalone server) {
        redis = server;
        web = new SessionWebApp(Map.of("redisee.url", redis.url(),
                "redisee.key-prefix", "slow" + UUID.randomUUID().toString().substring(0, 8),
                "redisee.metrics.backend", "none", "redisee.timeout", TIMEOUT.toMillis() + "ms",
                "redisee.retry-attempts", "1", "redisee.retry-delay", "100ms", "redisee.session.enabled", "true",
                "redisee.ratelimit." + ReliabilityApp.STRICT_LIMIT + ".fail-open", "false"),
                ReliabilityApp.Shop.class, ReliabilityApp.Orders.class);
        shop = web.app.select(ReliabilityApp.Shop.class);
        client = web.app.select(RedissonClient.class);
        circuit = web.app.select(RedisClients.class).client(Redis.DEFAULT).circuit();
        orders = web.app.select(ReliabilityApp.Orders.class);
        cookie = web.get("set?name=n&value=1", null).cookie();
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Stall.class)
    void callsGiveUpWithinTheTimeoutAndFeaturesFollowTheirFailureSettings(Stall stall) throws Exception {
        shop.price("hit"); // cached before the stall
        client.getBucket("slow:key", StringCodec.INSTANCE).set("value");
        String miss = "miss-" + stall;
        Map<String, Callable<Object>> calls = new LinkedHashMap<>();
        calls.put("read", () -> client.getBucket("slow:key", StringCodec.INSTANCE).get());
        calls.put("write", () -> {
            client.getBucket("slow:key", StringCodec.INSTANCE).set("written");
            return "written";
        });
        calls.put("cache-hit", () -> shop.price("hit"));
        calls.put("cache-miss", () -> shop.price(miss));
        calls.put("limit", shop::search);
        calls.put("strict-limit", shop::strictSearch);
        calls.put("event", () -> {
            orders.placed.fire(new ReliabilityApp.OrderPlaced(1));
            return "published";
        });
        calls.put("session-read", () -> web.get("get?name=n", cookie).status());
        calls.put("session-write", () -> web.get("set?name=n&value=2", cookie).status());

        long runsBefore = shop.priceRuns();
        Thread staller = stall(stall);
        Map<String, Outcome> first = run(calls);
        Map<String, Outcome> whileOpen = circuit.isOpen() ? run(Map.of("cache-hit", calls.get("cache-hit"),
                "limit", calls.get("limit"), "strict-limit", calls.get("strict-limit"))) : Map.of();
        staller.join(TimeUnit.SECONDS.toMillis(STALL_SECONDS + 10));
        long afterStall = System.nanoTime();
        assertTrue(Load.await(Duration.ofSeconds(10), () -> !circuit.isOpen()), "the circuit closes once Redis answers");
        long recoveredMillis = (System.nanoTime() - afterStall) / 1_000_000;

        Load.report("slow Redis (" + stall.command + ", redisee.timeout " + TIMEOUT.toMillis() + " ms, 1 retry: gives up after "
                + GIVE_UP.toMillis() + " ms): " + describe(first)
                + (whileOpen.isEmpty() ? "" : "; then, circuit open: " + describe(whileOpen))
                + "; circuit closed " + recoveredMillis + " ms after the stall");
        first.values().stream().map(o -> o.error).filter(e -> e != null).map(Load::kind).distinct()
                .forEach(kind -> Load.report("  " + stall + " error: " + kind));

        for (Map.Entry<String, Outcome> call : first.entrySet()) {
            assertTrue(call.getValue().millis < BOUND.toMillis(), call.getKey() + " took " + call.getValue().millis + " ms");
        }
        if (stall.readsServed) {
            assertEquals("value", first.get("read").value);
            assertEquals("hit:42", first.get("cache-hit").value);
        } else {
            assertInstanceOf(RedisTimeoutException.class, first.get("read").error);
            String message = first.get("read").error.getMessage();
            assertTrue(message.contains("timeout (" + TIMEOUT.toMillis() + " ms)") && message.contains("(GET)"),
                    "the error names the timeout and the command: " + message);
        }
        assertInstanceOf(RedisTimeoutException.class, first.get("write").error);
        assertEquals("hit:42", first.get("cache-hit").value, "the cache fails open");
        assertEquals(miss + ":42", first.get("cache-miss").value, "the cache fails open");
        assertEquals("results", first.get("limit").value, "fail-open=true lets the call through");
        assertInstanceOf(RateLimitExceededException.class, first.get("strict-limit").error, "fail-open=false rejects it");
        assertFalse(first.get("event").error == null, "a confirmed event that Redis did not take fails the fire");
        assertEquals(503, first.get("session-write").value, "a session that cannot be stored is a 503");
        if (!whileOpen.isEmpty()) {
            whileOpen.forEach((name, outcome) -> assertTrue(outcome.millis < 100, name + " waits for nothing while the circuit is open: "
                    + outcome.millis + " ms"));
        }

        long runs = shop.priceRuns();
        assertEquals("hit:42", shop.price("hit"));
        assertTrue(shop.limitDecided(), "Redis decides the limit again");
        assertEquals(runs, shop.priceRuns(), "served from the cache again");
        assertEquals(200, web.get("set?name=n&value=3", cookie).status());
        assertTrue(shop.priceRuns() > runsBefore, "the method ran while the cache could not be read");
    }

    /** Starts the stall: DEBUG SLEEP blocks the connection that sends it, so it runs on a thread of its own. */
    private static Thread stall(Stall stall) throws InterruptedException {
        Thread thread = new Thread(() -> {
            try (RedisCommands commands = redis.connect().withReadTimeout(Duration.ofSeconds(STALL_SECONDS + 10))) {
                commands.call(stall.command.split(" "));
            }
        }, "reliability-stall");
        thread.start();
        Thread.sleep(100); // let Redis take it
        return thread;
    }

    private record Outcome(long millis, Object value, Throwable error) {
        @Override
        public String toString() {
            return (error == null ? String.valueOf(value) : error.getClass().getSimpleName()) + " in " + millis + " ms";
        }
    }

    /** Runs the calls at once, each on a thread of its own; a call that has not returned after {@link Load#HANG} fails. */
    private static Map<String, Outcome> run(Map<String, Callable<Object>> calls) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            Map<String, Future<Outcome>> futures = new LinkedHashMap<>();
            calls.forEach((name, call) -> futures.put(name, threads.submit(() -> {
                long started = System.nanoTime();
                try {
                    Object value = call.call();
                    return new Outcome((System.nanoTime() - started) / 1_000_000, value, null);
                } catch (Exception e) {
                    return new Outcome((System.nanoTime() - started) / 1_000_000, null, e);
                }
            })));
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Outcome>> future : futures.entrySet()) {
                try {
                    outcomes.put(future.getKey(), future.getValue().get(Load.HANG.toMillis(), TimeUnit.MILLISECONDS));
                } catch (Exception e) {
                    throw new AssertionError(future.getKey() + " has not returned after " + Load.HANG.toSeconds() + " s", e);
                }
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private static String describe(Map<String, Outcome> outcomes) {
        List<String> parts = new ArrayList<>();
        outcomes.forEach((name, outcome) -> parts.add(name + " " + outcome));
        return String.join(", ", parts);
    }
}
