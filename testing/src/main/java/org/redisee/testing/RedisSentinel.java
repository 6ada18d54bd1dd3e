package org.redisee.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sentinel setup on 127.0.0.1: one master, one replica and three sentinels (quorum 2) monitoring the master as
 * {@value #MASTER_NAME}, with {@code down-after-milliseconds 5000} and {@code failover-timeout 10000}. Sentinels
 * run as {@code redis-server <conf> --sentinel}, since Debian's redis-server package has no redis-sentinel.
 *
 * <p>After a failover the roles swap; {@link #master()} and {@link #replica()} keep pointing at the processes
 * that started in those roles.
 */
public final class RedisSentinel implements AutoCloseable {

    private static final String MASTER_NAME = "mymaster";
    private static final int SENTINELS = 3;
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisProcess> processes = new ArrayList<>();
    private final RedisProcess master;
    private final RedisProcess replica;
    private final List<RedisProcess> sentinels = new ArrayList<>();

    RedisSentinel() {
        try {
            master = start("sentinel-master", (port, dir) ->
                    RedisProcess.dataNodeArguments(port, dir, "--repl-diskless-sync-delay", "0"));
            String masterPort = Integer.toString(master.port());
            replica = start("sentinel-replica", (port, dir) -> RedisProcess.dataNodeArguments(port, dir,
                    "--repl-diskless-sync-delay", "0", "--replicaof", RedisProcess.HOST, masterPort));
            for (int i = 0; i < SENTINELS; i++) {
                sentinels.add(start("sentinel", (port, dir) -> {
                    // sentinels rewrite their config file as they learn the topology, so each needs its own
                    Path conf = dir.resolve("sentinel.conf");
                    Files.writeString(conf, String.join("\n",
                            "port " + port,
                            "bind " + RedisProcess.HOST,
                            "sentinel monitor " + MASTER_NAME + " " + RedisProcess.HOST + " " + masterPort + " 2",
                            "sentinel down-after-milliseconds " + MASTER_NAME + " 5000",
                            "sentinel failover-timeout " + MASTER_NAME + " 10000",
                            ""));
                    return List.of(conf.toString(), "--sentinel");
                }));
            }
            awaitDiscovery();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private RedisProcess start(String role, RedisProcess.Arguments arguments) {
        RedisProcess process = RedisProcess.started(role, FreePorts::pick, arguments);
        processes.add(process);
        return process;
    }

    /** Clients (Redisson included) need every sentinel to know the replica and its two peers. */
    private void awaitDiscovery() {
        Await.until(DISCOVERY_TIMEOUT, "the replica to link and every sentinel to see it and 2 other sentinels", () -> {
            try (RedisCommands commands = replica.connect()) {
                if (!"up".equals(commands.info("replication").get("master_link_status"))) {
                    return false;
                }
            }
            return sentinels.stream().allMatch(sentinel -> {
                try (RedisCommands commands = sentinel.connect()) {
                    return countWithFlags(commands.execute("SENTINEL", "REPLICAS", MASTER_NAME), "slave") == 1
                            && countWithFlags(commands.execute("SENTINEL", "SENTINELS", MASTER_NAME), "sentinel") == 2
                            && commands.call("SENTINEL", "CKQUORUM", MASTER_NAME).startsWith("OK");
                }
            });
        });
    }

    /** SENTINEL REPLICAS / SENTINELS reply with one flat name-value list per instance. */
    private static long countWithFlags(Object reply, String flags) {
        return ((List<?>) reply).stream().filter(instance -> {
            List<?> fields = (List<?>) instance;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if ("flags".equals(fields.get(i))) {
                    return flags.equals(fields.get(i + 1));
                }
            }
            return false;
        }).count();
    }

    /** {@code redis://127.0.0.1:port} of the three sentinels. */
    public List<String> sentinelUrls() {
        return sentinels.stream().map(RedisNode::url).toList();
    }

    /** The name the sentinels monitor the master under: {@value #MASTER_NAME}. */
    public String masterName() {
        return MASTER_NAME;
    }

    /** The server that started as master. */
    public RedisNode master() {
        return master;
    }

    /** The server that started as replica of {@link #master()}. */
    public RedisNode replica() {
        return replica;
    }

    /** Kills all five processes and deletes their directories. */
    @Override
    public void close() {
        processes.forEach(RedisProcess::close);
    }

    @Override
    public String toString() {
        return "Redis Sentinel " + MASTER_NAME + " " + sentinelUrls() + ", master " + master + ", replica " + replica;
    }
}
