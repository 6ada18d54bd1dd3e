package org.redisee.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.Redis;
import org.redisee.TestContainer;
import org.redisee.client.RedisClients;
import org.redisee.testing.PrivateServer;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client meters reach Micrometer when it is present (here: the global registry, as on a plain JVM), follow Redis
 * going away, and are removed on undeploy so nothing keeps the application's classes alive.
 */
@ExtendWith(RedisServerExtension.class)
class ClientMetricsTest {

    @Singleton
    static class App {
        @Inject RedissonClient redis;
        @Inject RedisClients clients;
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void addRegistry() {
        Metrics.addRegistry(registry);
    }

    @AfterEach
    void removeRegistry() {
        Metrics.removeRegistry(registry);
    }

    @Test
    void connectionGaugeAndPingTimerFollowRedis(@PrivateServer RedisStandalone redis) {
        try (TestContainer app = TestContainer.start(Map.of("redisee.url", redis.url()), App.class)) {
            App a = app.select(App.class);
            assertEquals("Micrometer", a.clients.metrics().backend());
            Gauge connected = registry.get("redisee.client.connected").tag("client", "default").gauge();
            assertEquals(1.0, connected.value());
            a.clients.client(Redis.DEFAULT).check();
            Timer ping = registry.get("redisee.client.ping").tag("client", "default").timer();
            assertTrue(ping.count() >= 2, "the start-up probe and the explicit check were timed");

            redis.stop();
            a.clients.client(Redis.DEFAULT).check();
            assertEquals(0.0, connected.value());
            assertEquals(1.0, registry.get("redisee.client.unavailable").tag("client", "default").counter().count());
            redis.start();
        }
        assertNull(registry.find("redisee.client.connected").gauge(), "meters are removed on undeploy");
    }

    @Test
    void backendNoneRecordsNothing(RedisStandalone redis) {
        try (TestContainer app = TestContainer.start(Map.of("redisee.url", redis.url(), "redisee.metrics.backend", "none"), App.class)) {
            assertEquals("none", app.select(App.class).clients.metrics().backend());
            assertNull(registry.find("redisee.client.connected").gauge());
        }
    }
}
