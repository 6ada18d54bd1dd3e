package org.redisee.client;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.Redis;
import org.redisee.TestContainer;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.api.RedissonRxClient;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RedisServerExtension.class)
class ClientInjectionTest {

    @Singleton
    static class Clients {
        @Inject RedissonClient defaultClient;
        @Inject @Redis RedissonClient explicitDefault;
        @Inject @Redis("orders") RedissonClient orders;
        @Inject RedissonReactiveClient reactive;
        @Inject RedissonRxClient rx;
        @Inject RedisClients registry;
    }

    @Singleton
    static class DefaultClient {
        @Inject RedissonClient redis;
        @Inject RedisClients registry;
    }

    @Test
    void injectsDefaultNamedAndReactiveViews(RedisStandalone redis) {
        String key = "test:" + UUID.randomUUID();
        try (TestContainer app = TestContainer.start(Map.of(
                "redisee.url", redis.url() + "/0",
                "redisee.client.orders.url", redis.url() + "/1"), Clients.class)) {
            Clients clients = app.select(Clients.class);

            clients.defaultClient.getBucket(key).set("in db 0");
            clients.orders.getBucket(key).set("in db 1");

            assertEquals("in db 0", clients.explicitDefault.getBucket(key).get());
            assertEquals("in db 1", clients.orders.getBucket(key).get());
            assertEquals("in db 0", clients.reactive.getBucket(key).get().block());
            assertEquals("in db 0", clients.rx.<String>getBucket(key).get().blockingGet());
            assertTrue(clients.registry.client("orders").status().reachable());
            assertSame(clients.registry.client("default").redisson(),
                    clients.registry.client(Redis.DEFAULT).redisson());
        }
    }

    @Test
    void storesPlainStringsReadableWithRedisCli(RedisStandalone redis) {
        String key = "test:" + UUID.randomUUID();
        try (TestContainer app = TestContainer.start(Map.of("redisee.url", redis.url()), DefaultClient.class);
             RedisCommands cli = redis.connect()) {
            app.select(DefaultClient.class).redis.getBucket(key).set("hello from RedisEE");
            assertEquals("hello from RedisEE", cli.call("GET", key));
        }
    }

    @Test
    void environmentVariableConfiguresTheDefaultClient(RedisStandalone redis) {
        // REDISEE_TEST_URL stands for any variable of another tool that shares the prefix: it must not fail the deployment.
        try (TestContainer app = TestContainer.start(Map.of(), Map.of("REDISEE_URL", redis.url(),
                "REDISEE_TEST_URL", "redis://elsewhere:1"), DefaultClient.class)) {
            assertTrue(app.select(DefaultClient.class).registry.client(Redis.DEFAULT).status().reachable());
            assertEquals(redis.url().replace("redis://", "") + "/0",
                    app.select(DefaultClient.class).registry.client(Redis.DEFAULT).settings().describe().replace("redis://", ""));
        }
    }

    @Test
    void connectionsCarryTheClientName(RedisStandalone redis) {
        try (TestContainer app = TestContainer.start(Map.of("redisee.url", redis.url(),
                "redisee.client-name", "redisee-naming-test"), DefaultClient.class);
             RedisCommands cli = redis.connect()) {
            app.select(DefaultClient.class).redis.getAtomicLong("test:named").incrementAndGet();
            assertTrue(cli.call("CLIENT", "LIST").contains("name=redisee-naming-test"));
        }
    }
}
