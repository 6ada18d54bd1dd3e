package org.redisee.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** The Redis logic of the resources, against a real Redis (from redisee-testing) and a plain Redisson client. */
class RedisInfoTest {

    static RedisStandalone server;
    static RedissonClient redis;

    @BeforeAll
    static void connect() {
        server = RedisServers.newStandalone();
        Config config = new Config();
        config.useSingleServer().setAddress(server.url()).setConnectionMinimumIdleSize(1).setConnectionPoolSize(2);
        redis = Redisson.create(config);
    }

    @AfterAll
    static void close() {
        if (redis != null) {
            redis.shutdown();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void describesTheServer() {
        redis.getBucket("redisee:sample:test").set("x");

        RedisInfo info = RedisInfo.of(redis);

        assertEquals("single", info.topology());
        assertEquals("127.0.0.1:" + server.port(), info.address());
        assertTrue(info.version().matches("\\d+\\.\\d+\\.\\d+"), info.version());
        assertEquals("standalone", info.mode());
        assertTrue(info.uptimeSeconds() >= 0);
        assertTrue(info.connectedClients() >= 1);
        assertTrue(info.usedMemoryBytes() > 0);
        assertTrue(info.keys() >= 1);
        assertTrue(info.pingMillis() >= 0);
    }

    @Test
    void counterIncrements() {
        CounterResource resource = new CounterResource();
        resource.redis = redis;
        long before = resource.get().value();

        assertEquals(before + 1, resource.increment().value());
        assertEquals(before + 2, resource.increment().value());
        assertEquals(before + 2, resource.get().value());
        assertEquals("redisee:sample:counter", resource.get().key());
    }
}
