package org.redisee.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A Redis Cluster of 6 processes on 127.0.0.1: nodes 0–2 start as masters owning a third of the slots each, and
 * node 3+i starts as the replica of node i. Formed without redis-cli: {@code CLUSTER MEET}, {@code ADDSLOTSRANGE},
 * {@code CLUSTER REPLICATE}, then polling until every node agrees.
 *
 * <p>Nodes run with {@code cluster-node-timeout 5000} and diskless replication without delay, so replicas link
 * within a second. Forming takes about 2.1 s, nearly all of it Redis's rule that a new master serves no slots in
 * its first 2 s. Roles change after a failover; {@link #node(int)} keeps pointing at the same process.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int MASTERS = 3;
    private static final int NODES = 2 * MASTERS;
    private static final int SLOTS = 16384;
    private static final int MAX_REDIRECTS = 5;
    private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisProcess> processes = new ArrayList<>();
    private final List<RedisNode> nodes = Collections.unmodifiableList(processes);

    RedisCluster() {
        try {
            for (int i = 0; i < NODES; i++) {
                processes.add(RedisProcess.started("cluster-node", FreePorts::pickWithClusterBus,
                        (port, dir) -> RedisProcess.dataNodeArguments(port, dir,
                                "--cluster-enabled", "yes",
                                "--cluster-node-timeout", "5000",
                                "--repl-diskless-sync-delay", "0",
                                "--repl-diskless-load", "on-empty-db")));
            }
            form();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void form() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            try (RedisCommands node = nodes.get(i).connect()) {
                // distinct epochs up front, as redis-cli does, so the masters need no epoch collision round
                node.call("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
                ids.add(node.call("CLUSTER", "MYID"));
                if (i < MASTERS) {
                    node.call("CLUSTER", "ADDSLOTSRANGE",
                            Integer.toString(i * SLOTS / MASTERS), Integer.toString((i + 1) * SLOTS / MASTERS - 1));
                }
            }
        }
        meetEveryone();
        // CLUSTER REPLICATE needs the replica to know its master already
        Await.until(FORMATION_TIMEOUT, "all cluster nodes to know each other", () -> nodes.stream().allMatch(node -> {
            try (RedisCommands commands = node.connect()) {
                return commands.call("CLUSTER", "NODES").lines().filter(line -> !line.contains("handshake")).count() == NODES;
            }
        }));
        for (int i = MASTERS; i < NODES; i++) {
            try (RedisCommands replica = nodes.get(i).connect()) {
                replica.call("CLUSTER", "REPLICATE", ids.get(i - MASTERS));
            }
        }
        // A node takes another's slots and role only from a packet it gets from that node once it knows it; the
        // packets of the first handshake do not count. Left to the periodic pings (every node_timeout/2 = 2.5 s)
        // that took seconds; a second MEET between known nodes delivers them at once.
        meetEveryone();
        awaitHealthy();
    }

    private void meetEveryone() {
        for (RedisNode node : nodes) {
            try (RedisCommands commands = node.connect()) {
                for (RedisNode other : nodes) {
                    if (other != node) {
                        commands.call("CLUSTER", "MEET", other.host(), Integer.toString(other.port()));
                    }
                }
            }
        }
    }

    /**
     * Waits until all 6 nodes run, each reports {@code cluster_state:ok} and sees 3 masters and 3 replicas with no
     * failure flags, and every replica's link to its master is up. Use it after restarting nodes in a failure test.
     */
    public void awaitHealthy() {
        Await.until(FORMATION_TIMEOUT, "the cluster to be ok with " + MASTERS + " masters and " + MASTERS
                + " linked replicas on all nodes", () -> nodes.stream().allMatch(RedisCluster::isHealthyFrom));
    }

    private static boolean isHealthyFrom(RedisNode node) {
        try (RedisCommands commands = node.connect()) {
            Map<String, String> clusterInfo = RedisCommands.parseFields(commands.call("CLUSTER", "INFO"));
            if (!"ok".equals(clusterInfo.get("cluster_state"))) {
                return false;
            }
            List<String[]> view = commands.call("CLUSTER", "NODES").lines().map(line -> line.split(" ")).toList();
            if (view.size() != NODES) { // more while a MEET handshake is still open
                return false;
            }
            long masters = view.stream().filter(fields -> isHealthy(fields, "master")).count();
            long replicas = view.stream().filter(fields -> isHealthy(fields, "slave")).count();
            Map<String, String> replication = commands.info("replication");
            boolean linked = !"slave".equals(replication.get("role")) || "up".equals(replication.get("master_link_status"));
            return masters == MASTERS && replicas == MASTERS && linked;
        }
    }

    /** A CLUSTER NODES line: id addr flags master ping-sent pong-recv epoch link-state slots... */
    private static boolean isHealthy(String[] fields, String role) {
        List<String> flags = List.of(fields[2].split(","));
        boolean hasSlots = fields.length > 8;
        return flags.contains(role) && !flags.contains("fail") && !flags.contains("fail?")
                && "connected".equals(fields[7]) && (role.equals("slave") || hasSlots);
    }

    /** {@code redis://127.0.0.1:port} of every node, node 0 first. */
    public List<String> nodeUrls() {
        return nodes.stream().map(RedisNode::url).toList();
    }

    /** All 6 nodes, in the order of {@link #node(int)}. */
    public List<RedisNode> nodes() {
        return nodes;
    }

    /** Node {@code index} (0–5); 0–2 start as masters, 3+i as the replica of i. */
    public RedisNode node(int index) {
        return nodes.get(index);
    }

    /**
     * Sends one command to the cluster and returns the reply like {@link RedisCommands#call}, following
     * {@code MOVED} and {@code ASK} redirects from the first running node to the node that owns the key.
     */
    public String call(String... args) {
        RedisNode entry = nodes.stream().filter(RedisNode::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("No cluster node is running"));
        String host = entry.host();
        int port = entry.port();
        boolean asking = false;
        for (int redirects = 0; ; redirects++) {
            try (RedisCommands commands = RedisCommands.connect(host, port)) {
                if (asking) {
                    commands.call("ASKING");
                }
                return commands.call(args);
            } catch (RedisReplyException e) {
                // MOVED <slot> <host>:<port> or ASK <slot> <host>:<port>
                boolean redirect = e.prefix().equals("MOVED") || e.prefix().equals("ASK");
                if (!redirect || redirects == MAX_REDIRECTS) {
                    throw e;
                }
                String address = e.getMessage().split(" ")[2];
                host = address.substring(0, address.lastIndexOf(':'));
                port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
                asking = e.prefix().equals("ASK");
            }
        }
    }

    /** Kills all nodes and deletes their directories. */
    @Override
    public void close() {
        processes.forEach(RedisProcess::close);
    }

    @Override
    public String toString() {
        return "Redis Cluster " + nodeUrls();
    }
}
