package org.redisee.reliability;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.Redis;
import org.redisee.TestContainer;
import org.redisee.client.RedisClients;
import org.redisee.testing.PrivateServer;
import org.redisee.testing.RedisCluster;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisNode;
import org.redisee.testing.RedisServerExtension;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 6-node cluster loses a master (SIGKILL) or hands a master's role to its replica ({@code CLUSTER FAILOVER}) while
 * the application writes: how long until writes to the master's slots succeed again, and what failed in between.
 * Nodes run with {@code cluster-node-timeout 5000}; the target for a killed master is node-timeout + 2 s.
 */
@ExtendWith(RedisServerExtension.class)
class ClusterFailoverTest {

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WRITE_INTERVAL = Duration.ofMillis(20);
    /** Node i (0-2) starts as master of a third of the slots; node 3+i is its replica. */
    private static final int SLOTS_PER_MASTER = 16384 / 3;

    @Singleton
    static class App {
        @Inject RedissonClient redis;
        @Inject RedisClients clients;
    }

    private static TestContainer app(RedisCluster cluster, String prefix) {
        return TestContainer.start(Map.of("redisee.cluster.nodes", String.join(",", cluster.nodeUrls()),
                "redisee.key-prefix", prefix, "redisee.metrics.backend", "none"),
                App.class, ReliabilityApp.Shop.class);
    }

    /** Keys whose slots master {@code master} (0-2) started with. */
    private static List<String> keysOf(RedisCluster cluster, int master, String prefix) {
        List<String> keys = new ArrayList<>();
        try (RedisCommands commands = cluster.node(0).connect()) {
            for (int i = 0; keys.size() < 30; i++) {
                String key = prefix + ":w" + i;
                if (commands.callLong("CLUSTER", "KEYSLOT", key) / SLOTS_PER_MASTER == master) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    @Test
    void writesResumeAfterAMasterIsKilled(@PrivateServer RedisCluster cluster) {
        String prefix = "cf" + UUID.randomUUID().toString().substring(0, 8);
        RedisNode victim = cluster.node(0);
        try (TestContainer app = app(cluster, prefix)) {
            App a = app.select(App.class);
            ReliabilityApp.Shop shop = app.select(ReliabilityApp.Shop.class);
            long killed;
            long failed;
            long promoted;
            long back;
            Load load = new Load();
            Load.Stream cache = load.start("cache", Duration.ofMillis(5), new CachedPrices(shop, 30));
            try (CircuitWatch circuit = new CircuitWatch(a.clients.client(Redis.DEFAULT).circuit());
                 WriteProbe victimWrites = new WriteProbe(a.redis, keysOf(cluster, 0, prefix), WRITE_INTERVAL);
                 WriteProbe otherWrites = new WriteProbe(a.redis, keysOf(cluster, 1, prefix), WRITE_INTERVAL)) {
                try {
                    Load.sleep(Duration.ofSeconds(1));
                    String victimId;
                    try (RedisCommands commands = victim.connect()) {
                        victimId = commands.call("CLUSTER", "MYID");
                    }
                    victim.kill();
                    killed = System.nanoTime();
                    try (RedisCommands other = cluster.node(1).connect()) {
                        assertTrue(Load.await(Duration.ofSeconds(30), () -> other.call("CLUSTER", "NODES").lines()
                                .anyMatch(line -> line.startsWith(victimId) && List.of(line.split(" ")[2].split(",")).contains("fail"))),
                                "the master was flagged FAIL");
                    }
                    failed = System.nanoTime() - killed;
                    assertTrue(Load.await(Duration.ofSeconds(30), () -> Load.isMaster(cluster.node(3))),
                            "the replica took over within 30 s");
                    promoted = System.nanoTime() - killed;
                    load.markRecovery();
                    back = victimWrites.awaitWritesBack(killed, load);
                } finally {
                    load.close();
                }
                Load.report("cluster master killed: flagged FAIL after " + Load.seconds(failed)
                        + ", replica promoted after " + Load.seconds(promoted)
                        + ", writes to its slots back after " + Load.seconds(back)
                        + " (" + (back - promoted) / 1_000_000 + " ms after the promotion)"
                        + ", node-timeout " + NODE_TIMEOUT.toSeconds() + " s, target " + (NODE_TIMEOUT.toSeconds() + 2) + " s; "
                        + victimWrites.failuresAfter(killed) + " of " + victimWrites.writesAfter(killed) + " writes failed "
                        + victimWrites.failureKindsAfter(killed) + ", slowest " + victimWrites.slowestMillisAfter(killed) + " ms; "
                        + "writes to another master: " + otherWrites.failuresAfter(killed) + " of " + otherWrites.writesAfter(killed)
                        + " failed, slowest " + otherWrites.slowestMillisAfter(killed) + " ms; " + circuit.summary() + "; "
                        + cache.summary());
                assertTrue(back - promoted < Duration.ofSeconds(3).toNanos(),
                        "the client follows the promotion within 3 s (its topology scan runs every second)");
                assertEquals(0, cache.errors.get(), "the cache fails open: " + cache.errorKinds());
            }
        }
    }

    @Test
    void aManualFailoverLosesNoWrite(@PrivateServer RedisCluster cluster) {
        String prefix = "cf" + UUID.randomUUID().toString().substring(0, 8);
        RedisNode replica = cluster.node(4); // the replica of node 1
        try (TestContainer app = app(cluster, prefix)) {
            App a = app.select(App.class);
            long started;
            long promotedMillis;
            try (WriteProbe writes = new WriteProbe(a.redis, keysOf(cluster, 1, prefix), WRITE_INTERVAL)) {
                Load.sleep(Duration.ofSeconds(1));
                try (RedisCommands commands = replica.connect()) {
                    started = System.nanoTime();
                    commands.call("CLUSTER", "FAILOVER");
                }
                assertTrue(Load.await(Duration.ofSeconds(15), () -> Load.isMaster(replica)), "the replica took over");
                promotedMillis = (System.nanoTime() - started) / 1_000_000;
                Load.sleep(Duration.ofSeconds(2)); // writes through the new master, and the client's view of it
                writes.close();
                Load.report("cluster manual failover (CLUSTER FAILOVER): replica promoted after " + promotedMillis + " ms, "
                        + writes.failuresAfter(started) + " of " + writes.writesAfter(started) + " writes failed "
                        + writes.failureKindsAfter(started) + ", slowest " + writes.slowestMillisAfter(started) + " ms");
                assertEquals(0, writes.failuresAfter(started), "no write fails: " + writes.failureKindsAfter(started));
            }
        }
    }
}
