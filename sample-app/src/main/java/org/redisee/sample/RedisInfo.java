package org.redisee.sample;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisCluster;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.config.Config;

/**
 * A summary of the Redis server behind a client, read with one {@code INFO} round trip.
 * For a cluster or a replicated set-up it describes the (first) master.
 */
public record RedisInfo(
        String topology,
        String address,
        String version,
        String mode,
        String os,
        long uptimeSeconds,
        long connectedClients,
        String usedMemory,
        long usedMemoryBytes,
        String maxMemory,
        long keys,
        double pingMillis) {

    public static RedisInfo of(RedissonClient redis) {
        Config config = redis.getConfig();
        String topology;
        RedisNode node;
        if (config.isClusterConfig()) {
            RedisCluster cluster = redis.getRedisNodes(RedisNodes.CLUSTER);
            node = cluster.getMasters().iterator().next();
            topology = "cluster (" + cluster.getMasters().size() + " masters, "
                    + cluster.getSlaves().size() + " replicas)";
        } else if (config.isSentinelConfig()) {
            node = redis.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE).getMaster();
            topology = "sentinel";
        } else if (config.isSingleConfig()) {
            node = redis.getRedisNodes(RedisNodes.SINGLE).getInstance();
            topology = "single";
        } else {
            node = redis.getRedisNodes(RedisNodes.MASTER_SLAVE).getMaster();
            topology = "master/replica";
        }

        long start = System.nanoTime();
        node.ping(2, TimeUnit.SECONDS);
        double pingMillis = Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;

        Map<String, String> info = node.info(RedisNode.InfoSection.DEFAULT);
        InetSocketAddress addr = node.getAddr();
        return new RedisInfo(
                topology,
                addr == null ? "?" : addr.getHostString() + ":" + addr.getPort(),
                info.getOrDefault("redis_version", "?"),
                info.getOrDefault("redis_mode", "?"),
                info.getOrDefault("os", "?"),
                number(info.get("uptime_in_seconds")),
                number(info.get("connected_clients")),
                info.getOrDefault("used_memory_human", "?"),
                number(info.get("used_memory")),
                "0B".equals(info.get("maxmemory_human")) ? "no limit" : info.getOrDefault("maxmemory_human", "?"),
                keys(info),
                pingMillis);
    }

    /** Sums {@code keys=N} over the {@code dbN} lines of the keyspace section. */
    private static long keys(Map<String, String> info) {
        long total = 0;
        for (Map.Entry<String, String> e : info.entrySet()) {
            if (e.getKey().matches("db\\d+")) {
                for (String part : e.getValue().split(",")) {
                    if (part.startsWith("keys=")) {
                        total += number(part.substring(5));
                    }
                }
            }
        }
        return total;
    }

    private static long number(String s) {
        if (s == null) {
            return -1;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
