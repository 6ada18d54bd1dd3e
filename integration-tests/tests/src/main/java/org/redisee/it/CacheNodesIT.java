package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.it.nodes.NodeCache;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.Http;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;

/**
 * Two deployments of one application on the server, sharing the same caches in Redis, stand for two nodes: a
 * near-cached entry updated on one is served new by the other; concurrent misses on both run the body once; and
 * while Redis is down the methods still answer at their own speed, caching again once Redis is back.
 *
 * <p>Tag {@code two-deployments}: the Payara Micro adapter starts a JVM per deployment and leaves the second one
 * running after the test, so this class does not run there.
 */
@Tag("two-deployments")
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CacheNodesIT {

    /** This class's own Redis, since one test stops it. */
    private static RedisStandalone redis;

    @Deployment(name = "node-a", testable = false)
    static WebArchive nodeA() {
        redis = RedisServers.newStandalone();
        return node("cache-node-a");
    }

    @Deployment(name = "node-b", testable = false)
    static WebArchive nodeB() {
        return node("cache-node-b");
    }

    private static WebArchive node(String name) {
        return Deployments.redisApp(name, Map.of("redisee.url", redis.url(),
                "redisee.key-prefix", "it-nodes",
                "redisee.cache.it-nodes-near.near-cache", "true",
                "redisee.circuit.probe-interval", "200ms")).addPackage(NodeCache.class.getPackage());
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void anUpdateOnOneNodeIsServedByTheOther(@ArquillianResource @OperateOnDeployment("node-a") URL a,
                                             @ArquillianResource @OperateOnDeployment("node-b") URL b) {
        String key = UUID.randomUUID().toString();
        int updates = 30;
        long[] latencies = new long[updates];
        for (int i = 0; i < updates; i++) {
            Http.getOk(b, "api/nodes/read/" + key); // in b's near cache now
            String value = "v" + i;
            long started = System.nanoTime();
            Http.getOk(a, "api/nodes/write/" + key + "/" + value);
            long deadline = started + TimeUnit.SECONDS.toNanos(5);
            while (!Http.getOk(b, "api/nodes/read/" + key).equals(value)) {
                assertTrue(System.nanoTime() < deadline, "node b still serves the old value 5 s after the update");
            }
            latencies[i] = System.nanoTime() - started;
        }
        Arrays.sort(latencies);
        log(String.format("update on a served by b: p50 %.1f ms, p90 %.1f ms, max %.1f ms (%d updates, each through HTTP)",
                latencies[updates / 2] / 1e6, latencies[updates * 9 / 10] / 1e6, latencies[updates - 1] / 1e6, updates));
    }

    @Test
    @Order(2)
    void concurrentMissesOnBothNodesRunTheBodyOnce(@ArquillianResource @OperateOnDeployment("node-a") URL a,
                                                   @ArquillianResource @OperateOnDeployment("node-b") URL b)
            throws Exception {
        String key = UUID.randomUUID().toString();
        int perNode = 20;
        ExecutorService pool = Executors.newFixedThreadPool(2 * perNode);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int t = 0; t < 2 * perNode; t++) {
                URL node = t % 2 == 0 ? a : b;
                answers.add(pool.submit(() -> {
                    start.await();
                    return Http.getOk(node, "api/nodes/compute/" + key);
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                assertEquals("computed " + key, answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        int runs = runs(a, key) + runs(b, key);
        log("2 nodes x " + perNode + " concurrent misses: the body ran " + runs + " time(s)");
        assertEquals(1, runs, "one computation across both nodes");
    }

    /** Last: it stops Redis. */
    @Test
    @Order(3)
    void whileRedisIsDownMethodsRunAtTheirOwnSpeedAndCachingResumes(
            @ArquillianResource @OperateOnDeployment("node-a") URL a) {
        redis.stop();
        try {
            // The first call finds out that Redis is gone (it waits for Redisson's timeout and retries, about 2 s
            // with the defaults) and opens the client's circuit; the calls after it do not wait.
            for (int i = 0; i < 6; i++) {
                String key = UUID.randomUUID().toString();
                long started = System.nanoTime();
                assertEquals("computed " + key, Http.getOk(a, "api/nodes/compute/" + key));
                long millis = (System.nanoTime() - started) / 1_000_000;
                log("Redis down: call " + i + " took " + millis + " ms (the body alone takes " + NodeCache.COMPUTATION_MILLIS + " ms)");
                long bound = i == 0 ? 6000 : NodeCache.COMPUTATION_MILLIS + 500;
                assertTrue(millis < bound, "call " + i + " took " + millis + " ms, bound " + bound + " ms");
            }
        } finally {
            redis.start();
        }
        long restarted = System.nanoTime();
        Duration bound = Duration.ofSeconds(10);
        while (true) {
            String key = UUID.randomUUID().toString();
            Http.getOk(a, "api/nodes/compute/" + key);
            Http.getOk(a, "api/nodes/compute/" + key);
            if (runs(a, key) == 1) {
                break; // the second call was a hit: caching works again
            }
            assertTrue(System.nanoTime() - restarted < bound.toNanos(), "caching did not resume within " + bound);
        }
        log("caching resumed " + (System.nanoTime() - restarted) / 1_000_000 + " ms after Redis was back (target 2 s)");
    }

    private static int runs(URL node, String key) {
        return Integer.parseInt(Http.getOk(node, "api/nodes/runs/" + key).trim());
    }

    private static void log(String message) {
        System.out.println("[CacheNodesIT] " + message);
    }
}
