package org.redisee.sample;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.redisee.testing.RedisServers;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Base of the tests of the chat's Redis logic: a plain Redisson client on the real Redis that redisee-testing
 * provides (REDISEE_TEST_URL, Docker, redis-server on PATH, or the embedded binary), and keys under a prefix of the
 * test class's own, so that tests never see each other's data.
 */
public abstract class RealRedis {

    protected static RedissonClient redis;

    protected final ChatKeys keys = new ChatKeys("test-" + UUID.randomUUID());

    @BeforeAll
    static void connect() {
        Config config = new Config();
        config.useSingleServer().setAddress(RedisServers.standalone().url())
                .setConnectionMinimumIdleSize(1).setConnectionPoolSize(4);
        redis = Redisson.create(config);
    }

    @AfterAll
    static void disconnect() {
        redis.shutdown();
    }

    /** Milliseconds until the key expires: -1 without an expiry, -2 when absent. */
    protected long ttlMillis(String key) {
        return redis.getKeys().remainTimeToLive(key);
    }
}
