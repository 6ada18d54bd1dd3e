package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.it.lock.LockedTimer;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.SharedRedis;
import org.redisee.testing.RedisCommands;

/**
 * An EJB {@code @Schedule} method under {@code @Locked} in two deployments standing for two nodes: both timers fire
 * every second, and per second the method runs once across them.
 */
@Tag("ejb")
@Tag("two-deployments")
@ExtendWith(ArquillianExtension.class)
class LockIT {

    @Deployment(name = "lock-node-a", testable = false)
    static WebArchive nodeA() {
        return node("lock-node-a");
    }

    @Deployment(name = "lock-node-b", testable = false)
    static WebArchive nodeB() {
        return node("lock-node-b");
    }

    private static WebArchive node(String name) {
        return Deployments.redisApp(name, Map.of("redisee.url", SharedRedis.url(), "redisee.key-prefix", "it-locks"))
                .addClass(LockedTimer.class);
    }

    @Test
    void aLockedTimerOnTwoNodesRunsOncePerTick() throws InterruptedException {
        Thread.sleep(6000); // both timers tick for a while
        try (RedisCommands commands = RedisCommands.connect(SharedRedis.url())) {
            Map<Long, Long> runsPerSecond = new TreeMap<>();
            for (Object key : (java.util.List<?>) commands.execute("KEYS", "it-locks:runs:*")) {
                String name = key.toString();
                runsPerSecond.put(Long.parseLong(name.substring(name.lastIndexOf(':') + 1)), Long.parseLong(commands.call("GET", name)));
            }
            System.out.println("[LockIT] runs per second: " + runsPerSecond);
            assertTrue(runsPerSecond.size() >= 4, "the timers ticked: " + runsPerSecond);
            runsPerSecond.forEach((second, runs) -> assertEquals(1L, runs, "second " + second + ": " + runsPerSecond));
        }
    }
}
