package org.redisee.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

@WithRedis
class RedisClusterTest {

    @Test
    void formsThreeMastersWithOneLinkedReplicaEach(RedisCluster cluster) {
        assertEquals(6, cluster.nodeUrls().size());
        for (int i = 0; i < 6; i++) {
            try (RedisCommands node = cluster.node(i).connect()) {
                Map<String, String> clusterInfo = RedisCommands.parseFields(node.call("CLUSTER", "INFO"));
                assertEquals("ok", clusterInfo.get("cluster_state"));
                assertEquals("16384", clusterInfo.get("cluster_slots_assigned"));
                assertEquals("6", clusterInfo.get("cluster_known_nodes"));
                Map<String, String> replication = node.info("replication");
                if (i < 3) {
                    assertEquals("master", replication.get("role"));
                    assertEquals("1", replication.get("connected_slaves"));
                } else {
                    assertEquals("slave", replication.get("role"));
                    assertEquals(Integer.toString(cluster.node(i - 3).port()), replication.get("master_port"));
                    assertEquals("up", replication.get("master_link_status"));
                }
            }
        }
    }

    @Test
    void setAndGetFollowRedirects(RedisCluster cluster) {
        // keys in different slots, so most land on a node other than node 0 and need a MOVED redirect
        for (String key : new String[] {"cluster-test:a", "cluster-test:b", "cluster-test:c", "cluster-test:d"}) {
            assertEquals("OK", cluster.call("SET", key, key.toUpperCase()));
            assertEquals(key.toUpperCase(), cluster.call("GET", key));
        }
    }

    @Test
    void restartedReplicaRejoins(RedisCluster cluster) {
        RedisNode replica = cluster.node(5);
        replica.stop();
        assertFalse(replica.isRunning());
        replica.start();
        assertTrue(replica.isRunning());
        cluster.awaitHealthy();
    }
}
