package org.redisee.client;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.Redis;
import org.redisee.TestContainer;
import org.redisee.health.RedisReadinessCheck;
import org.redisee.testing.PrivateServer;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis going away and coming back: readiness goes DOWN with a reason and back UP, the circuit opens and closes by
 * itself, an unreachable Redis does not fail the deployment unless fail-fast is on.
 */
@ExtendWith(RedisServerExtension.class)
class AvailabilityTest {

    @Singleton
    static class App {
        @Inject RedissonClient redis;
        @Inject RedisClients clients;
        @Inject @Readiness RedisReadinessCheck readiness;
    }

    private static final Map<String, String> FAST_PROBES = Map.of(
            "redisee.health.interval", "1s", "redisee.circuit.probe-interval", "200ms", "redisee.health.timeout", "500ms");

    @Test
    void readinessGoesDownWithReasonAndRecoversByItself(@PrivateServer RedisStandalone redis) {
        try (TestContainer app = TestContainer.start(TestContainer.with(FAST_PROBES, "redisee.url", redis.url()), App.class)) {
            App a = app.select(App.class);
            HealthCheckResponse up = a.readiness.call();
            assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
            assertEquals("redis", up.getName());
            assertEquals("UP", up.getData().orElseThrow().get("default.status"));
            assertTrue(up.getData().orElseThrow().containsKey("default.latency-ms"));

            redis.stop();
            HealthCheckResponse down = a.readiness.call();
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            String reason = String.valueOf(down.getData().orElseThrow().get("default.reason"));
            assertFalse(reason.isBlank(), "a DOWN check says why");
            RedisCircuit circuit = a.clients.client(Redis.DEFAULT).circuit();
            assertTrue(circuit.isOpen());

            redis.start();
            long restarted = System.nanoTime();
            awaitTrue(Duration.ofSeconds(10), () -> !circuit.isOpen());
            Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
            System.out.println("[availability] circuit closed " + recovery.toMillis() + " ms after Redis restarted");
            assertTrue(recovery.toMillis() < 5_000, "the circuit closes by itself once Redis is back, took " + recovery.toMillis() + " ms");
            assertEquals(HealthCheckResponse.Status.UP, a.readiness.call().getStatus());
            a.redis.getBucket("test:after-restart").set("works");
            assertEquals("works", a.redis.getBucket("test:after-restart").get());
        }
    }

    @Test
    void unreachableRedisDoesNotFailDeploymentAndIsUsedOnceUp(@PrivateServer RedisStandalone redis) {
        redis.stop();
        try (TestContainer app = TestContainer.start(TestContainer.with(FAST_PROBES, "redisee.url", redis.url()), App.class)) {
            App a = app.select(App.class);
            assertEquals(HealthCheckResponse.Status.DOWN, a.readiness.call().getStatus());
            assertTrue(a.clients.client(Redis.DEFAULT).circuit().isOpen());

            redis.start();
            awaitTrue(Duration.ofSeconds(10), () -> !a.clients.client(Redis.DEFAULT).circuit().isOpen());
            a.redis.getBucket("test:late").set("connected later");
            assertEquals("connected later", a.redis.getBucket("test:late").get());
        }
    }

    @Test
    void failFastFailsDeploymentWhenRedisIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "redis://127.0.0.1:" + closedPort;
        RuntimeException failure = assertThrows(RuntimeException.class, () -> TestContainer.start(Map.of(
                "redisee.url", url, "redisee.fail-fast", "true", "redisee.connect-timeout", "1s"), App.class).close());
        String message = String.valueOf(failure.getMessage()) + failure.getCause();
        assertTrue(message.contains("fail-fast=true") && message.contains("127.0.0.1:" + closedPort), message);
    }

    @Test
    void callersOpenTheCircuitAtOnceOnConnectionFailures(@PrivateServer RedisStandalone redis) {
        try (TestContainer app = TestContainer.start(TestContainer.with(Map.of("redisee.health.interval", "1h"),
                "redisee.url", redis.url(), "redisee.timeout", "500ms", "redisee.retry-attempts", "0"), App.class)) {
            App a = app.select(App.class);
            RedisCircuit circuit = a.clients.client(Redis.DEFAULT).circuit();
            assertFalse(circuit.isOpen());
            redis.stop();
            RuntimeException failure = assertThrows(RuntimeException.class, () -> a.redis.getBucket("test:x").get());
            assertTrue(circuit.recordFailure(failure), "a connection failure counts as unavailability: " + failure);
            assertTrue(circuit.isOpen());
            assertFalse(circuit.recordFailure(new IllegalArgumentException("bad input")), "other failures do not");
            redis.start();
            awaitTrue(Duration.ofSeconds(10), () -> !circuit.isOpen());
        }
    }

    static void awaitTrue(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
