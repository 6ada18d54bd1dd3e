package org.redisee.client;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.TestContainer;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Undeploy (container shutdown) closes every connection and ends every thread the clients started. */
@ExtendWith(RedisServerExtension.class)
class LifecycleTest {

    @Singleton
    static class App {
        @Inject RedissonClient redis;
    }

    @Test
    void shutdownReleasesConnectionsAndThreads(RedisStandalone redis) {
        Set<String> threadsBefore = clientThreads();
        String clientName = "redisee-lifecycle-test";
        try (RedisCommands cli = redis.connect()) {
            for (int deployment = 1; deployment <= 5; deployment++) {
                try (TestContainer app = TestContainer.start(Map.of("redisee.url", redis.url(),
                        "redisee.client-name", clientName), App.class)) {
                    app.select(App.class).redis.getTopic("test:lifecycle").addListener(String.class, (c, m) -> { });
                    app.select(App.class).redis.getAtomicLong("test:lifecycle").incrementAndGet();
                    assertTrue(connections(cli, clientName) > 0);
                }
                AvailabilityTest.awaitTrue(Duration.ofSeconds(5), () -> connections(cli, clientName) == 0);
            }
        }
        // Threads of earlier tests may still be ending; what matters is that none of this test's own threads remain.
        AvailabilityTest.awaitTrue(Duration.ofSeconds(5), () -> threadsBefore.containsAll(clientThreads()));
        assertEquals(Set.of(), clientThreads().stream().filter(t -> !threadsBefore.contains(t)).collect(Collectors.toSet()));
    }

    private static long connections(RedisCommands cli, String clientName) {
        return cli.call("CLIENT", "LIST").lines().filter(l -> l.contains("name=" + clientName + " ")).count();
    }

    /** Threads Redisson, Netty or RedisEE start; JVM-wide Netty helpers that end by themselves are ignored. */
    static Set<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("redisson") || n.startsWith("redisee") || n.contains("netty"))
                .collect(Collectors.toSet());
    }
}
