package org.redisee.client;

import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.BaseRedisNodes;
import org.redisson.api.redisnode.RedisCluster;
import org.redisson.api.redisnode.RedisMasterSlave;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.api.redisnode.RedisSingle;
import org.redisson.config.Config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pings every master a client knows, with a short timeout, and reports latency and topology. The circuit and the
 * readiness check both read its result; nothing here waits through Redisson's retries.
 */
final class RedisStatusProbe {

    private final RedisClientSettings settings;
    private final RedissonClient redisson;
    private final Duration timeout;
    private final RedisNodes<?> nodesType;

    RedisStatusProbe(RedisClientSettings settings, RedissonClient redisson, Config config, Duration timeout) {
        this.settings = settings;
        this.redisson = redisson;
        this.timeout = timeout;
        this.nodesType = nodesType(config);
    }

    private static RedisNodes<?> nodesType(Config config) {
        if (config.isClusterConfig()) {
            return RedisNodes.CLUSTER;
        }
        if (config.isSentinelConfig()) {
            return RedisNodes.SENTINEL_MASTER_SLAVE;
        }
        return config.isSingleConfig() ? RedisNodes.SINGLE : RedisNodes.MASTER_SLAVE;
    }

    RedisStatus probe() {
        String topology = RedisStatus.topologyName(settings);
        try {
            BaseRedisNodes nodes = redisson.getRedisNodes(nodesType);
            List<? extends RedisNode> masters = masters(nodes);
            if (masters.isEmpty()) {
                return down(topology, 0, 0, "no master node known");
            }
            long started = System.nanoTime();
            for (RedisNode master : masters) {
                if (!master.ping(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return down(topology, masters.size(), 0,
                            "PING to " + address(master) + " got no answer within " + timeout.toMillis() + " ms");
                }
            }
            Duration latency = Duration.ofNanos((System.nanoTime() - started) / masters.size());
            int replicas = replicas(masters);
            return new RedisStatus(settings.name(), true, topology, settings.describe(), Optional.of(latency),
                    masters.size(), replicas, "", Instant.now());
        } catch (RuntimeException e) {
            return down(topology, 0, 0, RedisCircuit.describe(e));
        }
    }

    private RedisStatus down(String topology, int masters, int replicas, String reason) {
        return new RedisStatus(settings.name(), false, topology, settings.describe(), Optional.empty(),
                masters, replicas, reason, Instant.now());
    }

    private static List<? extends RedisNode> masters(BaseRedisNodes nodes) {
        if (nodes instanceof RedisCluster) {
            return List.copyOf(((RedisCluster) nodes).getMasters());
        }
        if (nodes instanceof RedisMasterSlave) { // sentinel and replicated
            return List.of(((RedisMasterSlave) nodes).getMaster());
        }
        return List.of(((RedisSingle) nodes).getInstance());
    }

    /**
     * Replicas as the masters report them ({@code connected_slaves}): Redisson only tracks replicas it reads from,
     * which with the default read mode is none.
     */
    private static int replicas(List<? extends RedisNode> masters) {
        int replicas = 0;
        for (RedisNode master : masters) {
            replicas += Integer.parseInt(master.info(RedisNode.InfoSection.REPLICATION).getOrDefault("connected_slaves", "0"));
        }
        return replicas;
    }

    private static String address(RedisNode node) {
        return node.getAddr() == null ? "?" : node.getAddr().getHostString() + ":" + node.getAddr().getPort();
    }
}
