package org.redisee.client;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.Redis;
import org.redisee.TestContainer;
import org.redisee.testing.RedisCluster;
import org.redisee.testing.RedisSentinel;
import org.redisee.testing.RedisServerExtension;
import org.redisson.api.RedissonClient;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cluster, sentinel and replicated clients against real multi-process Redis set-ups. */
@ExtendWith(RedisServerExtension.class)
class TopologyTest {

    @Singleton
    static class Client {
        @Inject RedissonClient redis;
        @Inject RedisClients registry;
    }

    @Test
    void clusterClientSeesThreeMastersAndThreeReplicas(RedisCluster cluster) {
        try (TestContainer app = TestContainer.start(Map.of(
                "redisee.cluster.nodes", String.join(",", cluster.nodeUrls())), Client.class)) {
            Client client = app.select(Client.class);
            for (int i = 0; i < 50; i++) { // keys spread over all three masters' slots
                client.redis.getBucket("test:cluster:" + i).set("v" + i);
            }
            for (int i = 0; i < 50; i++) {
                assertEquals("v" + i, client.redis.getBucket("test:cluster:" + i).get());
            }
            RedisStatus status = client.registry.client(Redis.DEFAULT).check();
            assertTrue(status.reachable(), status::reason);
            assertEquals("cluster", status.topology());
            assertEquals(3, status.masters());
            assertEquals(3, status.replicas());
        }
    }

    @Test
    void sentinelClientFollowsTheMaster(RedisSentinel sentinel) {
        String key = "test:sentinel:" + UUID.randomUUID();
        try (TestContainer app = TestContainer.start(Map.of(
                "redisee.sentinel.nodes", sentinel.sentinelUrls().stream().collect(Collectors.joining(",")),
                "redisee.sentinel.master", sentinel.masterName()), Client.class)) {
            Client client = app.select(Client.class);
            client.redis.getBucket(key).set("via sentinel");
            assertEquals("via sentinel", sentinel.master().connect().call("GET", key));
            RedisStatus status = client.registry.client(Redis.DEFAULT).check();
            assertTrue(status.reachable(), status::reason);
            assertEquals("sentinel", status.topology());
            assertEquals(1, status.masters());
            assertEquals(1, status.replicas());
        }
    }

    @Test
    void replicatedClientWritesToTheMaster(RedisSentinel sentinel) {
        String key = "test:replicated:" + UUID.randomUUID();
        try (TestContainer app = TestContainer.start(Map.of(
                "redisee.replicated.nodes", sentinel.master().url() + "," + sentinel.replica().url()), Client.class)) {
            Client client = app.select(Client.class);
            client.redis.getBucket(key).set("via replicated");
            assertEquals("via replicated", sentinel.master().connect().call("GET", key));
            RedisStatus status = client.registry.client(Redis.DEFAULT).check();
            assertTrue(status.reachable(), status::reason);
            assertEquals("replicated", status.topology());
        }
    }
}
