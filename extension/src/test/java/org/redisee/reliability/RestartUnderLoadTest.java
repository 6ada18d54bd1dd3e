package org.redisee.reliability;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisee.Redis;
import org.redisee.TestContainer;
import org.redisee.client.RedisCircuit;
import org.redisee.client.RedisClients;
import org.redisee.session.SessionWebApp;
import org.redisee.testing.PrivateServer;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standalone Redis with AOF on restarts while an application works: cached calls, rate-limited calls, events on a
 * reliable topic to another node, and HTTP sessions (in a real servlet container), each in a loop. Measures what the
 * callers saw, how long until each is served through Redis again, and what was lost (target: no session and no
 * confirmed event).
 */
@ExtendWith(RedisServerExtension.class)
class RestartUnderLoadTest {

    private static final Duration BEFORE = Duration.ofMillis(1500);
    private static final Duration AFTER = Duration.ofSeconds(1);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(20);
    private static final Duration PAUSE = Duration.ofMillis(5);

    /**
     * How Redis goes away, and for how long: a quick restart (shorter than the client's timeout, so calls in flight
     * wait for it) and a crash that a supervisor restarts after a few seconds (long enough for callers to see failures
     * and the circuit to open). {@code -Dreliability.down-ms=...} sets both times, and {@code -Dreliability.cycles=N}
     * repeats the outage N times under the same load (a soak).
     */
    enum Outage {
        RESTART("SHUTDOWN NOSAVE NOW", RedisStandalone::stop, Duration.ofSeconds(1)),
        CRASH("SIGKILL", RedisStandalone::kill, Duration.ofSeconds(5));

        final String how;
        final Consumer<RedisStandalone> apply;
        final Duration down;

        Outage(String how, Consumer<RedisStandalone> apply, Duration down) {
            this.how = how;
            this.apply = apply;
            this.down = Duration.ofMillis(Long.getLong("reliability.down-ms", down.toMillis()));
        }
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void redisRestartsUnderLoadAndNothingIsLost(Outage outage,
                                                @PrivateServer(arguments = {"--appendonly", "yes"}) RedisStandalone redis) {
        String prefix = "rel" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> common = Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix,
                "redisee.metrics.backend", "none", "redisee.topic." + ReliabilityApp.TOPIC + ".reliable", "true");
        Map<String, String> nodeA = new HashMap<>(common);
        nodeA.put("redisee.node-id", "node-a");
        nodeA.put("redisee.session.enabled", "true");
        Map<String, String> nodeB = new HashMap<>(common);
        nodeB.put("redisee.node-id", "node-b");

        try (SessionWebApp web = new SessionWebApp(nodeA, ReliabilityApp.Shop.class, ReliabilityApp.Orders.class);
             TestContainer b = TestContainer.start(nodeB, ReliabilityApp.OrderLog.class)) {
            ReliabilityApp.Shop shop = web.app.select(ReliabilityApp.Shop.class);
            RedisCircuit circuit = web.app.select(RedisClients.class).client(Redis.DEFAULT).circuit();
            EventLoad events = new EventLoad(web.app.select(ReliabilityApp.Orders.class), b.select(ReliabilityApp.OrderLog.class));
            SessionLoad sessions = new SessionLoad(web);
            Load load = new Load();
            Load.Stream cache = load.start("cache", PAUSE, new CachedPrices(shop, 20));
            Load.Stream limit = load.start("rate-limit", PAUSE, () -> {
                shop.search();
                return shop.limitDecided();
            });
            Load.Stream fired = load.start("events", PAUSE, events);
            Load.Stream browsing = load.start("sessions", PAUSE, sessions);
            int cycles = Integer.getInteger("reliability.cycles", 1);
            long downNanos = 0;
            long circuitClosedMillis = 0;
            boolean recovered = true;
            CircuitWatch watch = new CircuitWatch(circuit);
            try {
                for (int cycle = 0; cycle < cycles && recovered; cycle++) {
                    Load.sleep(BEFORE);
                    long stopped = System.nanoTime();
                    outage.apply.accept(redis);
                    Load.sleep(outage.down);
                    redis.start(); // returns once it answers PING, the AOF loaded
                    downNanos = Math.max(downNanos, System.nanoTime() - stopped);
                    load.markRecovery();
                    long up = System.nanoTime();
                    Load.await(RECOVERY_BOUND, () -> !circuit.isOpen());
                    circuitClosedMillis = Math.max(circuitClosedMillis, (System.nanoTime() - up) / 1_000_000);
                    recovered = load.awaitRecovered(RECOVERY_BOUND);
                }
                Load.sleep(AFTER);
            } finally {
                watch.close();
                load.close(); // throws if a call hangs
            }
            boolean delivered = events.awaitDelivered(Duration.ofSeconds(15));
            int sessionsLost = sessions.lost();

            Load.report("restart under load (" + outage.how + ", AOF everysec" + (cycles > 1 ? ", worst of " + cycles + " cycles" : "")
                    + "): Redis away " + Load.seconds(downNanos)
                    + ", " + watch.summary() + ", closed " + circuitClosedMillis + " ms after Redis answered; "
                    + cache.summary() + "; " + limit.summary() + "; "
                    + fired.summary() + ", " + events.lost() + " of " + events.fired() + " confirmed events lost, "
                    + events.duplicates() + " duplicates, " + events.failedButDelivered() + " failed fires delivered anyway"
                    + (events.inOrder() ? ", in order" : ", OUT OF ORDER") + "; "
                    + browsing.summary() + ", " + sessionsLost + " of " + sessions.created() + " sessions lost");
            for (Load.Stream stream : new Load.Stream[] {cache, limit, fired, browsing}) {
                if (stream.errors.get() > 0) {
                    Load.report("  " + stream.name + " errors: " + stream.errorKinds());
                }
            }

            assertTrue(recovered, "every operation is served through Redis again within " + RECOVERY_BOUND.toSeconds() + " s");
            assertEquals(0, sessionsLost, "sessions lost");
            // A lost tail (delivery stopped after one event) is known problem E1 in docs/reliability.md.
            assertTrue(delivered, events.lost() + " confirmed events lost on a reliable topic: " + events.lostRanges());
            assertEquals(0, cache.errors.get(), "the cache fails open: " + cache.errorKinds());
            assertEquals(0, limit.errors.get(), "the rate limiter fails open: " + limit.errorKinds());
        }
    }
}
