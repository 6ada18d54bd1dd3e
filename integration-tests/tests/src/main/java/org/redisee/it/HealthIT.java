package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.Health;
import org.redisee.it.support.Poll;
import org.redisee.it.support.ServerEndpoints;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;

/**
 * Readiness follows Redis: UP, DOWN with a reason while this deployment's own Redis is stopped, and UP again by
 * itself once Redis is back. Only where the server has MicroProfile Health: tag {@code health}.
 */
@Tag("health")
@ExtendWith(ArquillianExtension.class)
class HealthIT {

    static final String SECOND = "second";
    static final Duration BOUND = Duration.ofSeconds(20);

    /** This class's own Redis, so stopping it disturbs no other test. */
    private static RedisStandalone redis;

    @Deployment(testable = false)
    static WebArchive deployment() {
        redis = RedisServers.newStandalone();
        return Deployments.redisApp("health-it", Map.of(
                "redisee.url", redis.url(),
                "redisee.client." + SECOND + ".url", redis.url() + "/1"));
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void readinessFollowsRedis(@ArquillianResource URL base) {
        URI ready = ServerEndpoints.readiness(base);

        long start = System.nanoTime();
        Health up = Poll.until("readiness UP for clients default and " + SECOND + " at " + ready, BOUND,
                () -> Health.read(ready), h -> h.clientIs("default", "UP") && h.clientIs(SECOND, "UP"));
        log("UP after " + millis(start) + " ms: " + up);
        Map<String, String> data = up.client("default").orElseThrow().data();
        assertTrue(data.containsKey("latency-ms") && data.containsKey("topology"),
                "UP carries latency and topology: " + up);

        start = System.nanoTime();
        redis.stop();
        log("Redis stopped in " + millis(start) + " ms");

        start = System.nanoTime();
        Health down = Poll.until("readiness DOWN with a reason for clients default and " + SECOND + " at " + ready,
                BOUND, () -> Health.read(ready),
                h -> h.clientDownWithReason("default") && h.clientDownWithReason(SECOND));
        log("DOWN after " + millis(start) + " ms: " + down);
        assertTrue(down.httpStatus() == 503 && "DOWN".equals(down.status())
                && "DOWN".equals(down.check(Health.CHECK).orElseThrow().status()), "check and overall DOWN, HTTP 503: " + down);

        start = System.nanoTime();
        redis.start();
        log("Redis started again in " + millis(start) + " ms");

        start = System.nanoTime();
        Health again = Poll.until("readiness UP again for clients default and " + SECOND + " at " + ready, BOUND,
                () -> Health.read(ready), h -> h.clientIs("default", "UP") && h.clientIs(SECOND, "UP"));
        log("UP again after " + millis(start) + " ms: " + again);
    }

    static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static void log(String message) {
        System.out.println("[HealthIT] " + message);
    }
}
