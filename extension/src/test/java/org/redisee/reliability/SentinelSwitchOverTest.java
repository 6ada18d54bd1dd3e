package org.redisee.reliability;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.Redis;
import org.redisee.TestContainer;
import org.redisee.client.RedisClients;
import org.redisee.testing.PrivateServer;
import org.redisee.testing.RedisSentinel;
import org.redisee.testing.RedisServerExtension;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The master of a sentinel set-up is killed while the application writes; the sentinels promote the replica and the
 * application follows by itself. Sentinels run with {@code down-after-milliseconds 5000}.
 */
@ExtendWith(RedisServerExtension.class)
class SentinelSwitchOverTest {

    @Singleton
    static class App {
        @Inject RedissonClient redis;
        @Inject RedisClients clients;
    }

    @Test
    void theApplicationFollowsTheNewMasterByItself(@PrivateServer RedisSentinel sentinel) {
        String prefix = "sw" + UUID.randomUUID().toString().substring(0, 8);
        try (TestContainer app = TestContainer.start(Map.of("redisee.sentinel.nodes", String.join(",", sentinel.sentinelUrls()),
                "redisee.sentinel.master", sentinel.masterName(), "redisee.key-prefix", prefix,
                "redisee.metrics.backend", "none"), App.class, ReliabilityApp.Shop.class)) {
            App a = app.select(App.class);
            Load load = new Load();
            Load.Stream cache = load.start("cache", Duration.ofMillis(5), new CachedPrices(app.select(ReliabilityApp.Shop.class), 20));
            long killed;
            long promoted;
            long back;
            try (CircuitWatch circuit = new CircuitWatch(a.clients.client(Redis.DEFAULT).circuit());
                 WriteProbe writes = new WriteProbe(a.redis, List.of(prefix + ":a", prefix + ":b", prefix + ":c"), Duration.ofMillis(20))) {
                try {
                    Load.sleep(Duration.ofSeconds(1));
                    sentinel.master().kill();
                    killed = System.nanoTime();
                    assertTrue(Load.await(Duration.ofSeconds(30), () -> Load.isMaster(sentinel.replica())),
                            "the sentinels promoted the replica within 30 s");
                    promoted = System.nanoTime() - killed;
                    load.markRecovery();
                    back = writes.awaitWritesBack(killed, load);
                } finally {
                    load.close();
                }
                Load.report("sentinel master killed: replica promoted after " + Load.seconds(promoted) + ", writes back after "
                        + Load.seconds(back) + " (" + (back - promoted) / 1_000_000 + " ms after the promotion; down-after 5 s); "
                        + writes.failuresAfter(killed) + " of " + writes.writesAfter(killed) + " writes failed "
                        + writes.failureKindsAfter(killed) + ", slowest " + writes.slowestMillisAfter(killed) + " ms; "
                        + circuit.summary() + "; " + cache.summary());
                assertTrue(back - promoted < Duration.ofSeconds(3).toNanos(), "the client follows the promotion within 3 s");
                assertEquals(0, cache.errors.get(), "the cache fails open: " + cache.errorKinds());
            }
        }
    }
}
