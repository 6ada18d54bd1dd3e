package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.it.lock.LockedTimer;
import org.redisee.it.lock.TickAttempts;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.SecondServer;
import org.redisee.it.support.SharedRedis;
import org.redisee.testing.RedisCommands;

/**
 * An EJB {@code @Schedule} method under {@code @Locked} on two server instances: the server under test and a second
 * one, a Payara Micro JVM ({@link SecondServer}). Both timers fire every second; per tick the method runs once across
 * them.
 */
@Tag("ejb")
@ExtendWith(ArquillianExtension.class)
class LockIT {

    private static final String PREFIX = "it-locks";

    @Deployment(testable = false)
    static WebArchive node() {
        return Deployments.redisApp("lock-node", Map.of("redisee.url", SharedRedis.url(), "redisee.key-prefix", PREFIX))
                .addClasses(LockedTimer.class, TickAttempts.class);
    }

    @Test
    void aLockedTimerOnTwoServersRunsOncePerTick() throws InterruptedException {
        try (SecondServer second = SecondServer.start(node(), "it.node=second");
             RedisCommands commands = RedisCommands.connect(SharedRedis.url())) {
            long firstTick = System.currentTimeMillis() / 1000 + 2; // both servers' timers run from here on
            Thread.sleep(8000);
            long lastTick = System.currentTimeMillis() / 1000 - 1;
            Map<Long, Long> runsPerTick = new TreeMap<>();
            for (Object key : (List<?>) commands.execute("KEYS", PREFIX + ":runs:*")) {
                String name = key.toString();
                long tick = Long.parseLong(name.substring(name.lastIndexOf(':') + 1));
                if (tick >= firstTick && tick <= lastTick) {
                    runsPerTick.put(tick, Long.parseLong(commands.call("GET", name)));
                }
            }
            String attemptsHere = commands.call("GET", PREFIX + ":attempts:arquillian");
            String attemptsThere = commands.call("GET", PREFIX + ":attempts:second");
            System.out.printf("[LockIT] runs per tick %s; runs on the server under test %s, on the second server %s;"
                            + " ticks seen %s and %s%n", runsPerTick, commands.call("GET", PREFIX + ":ran-on:arquillian"),
                    commands.call("GET", PREFIX + ":ran-on:second"), attemptsHere, attemptsThere);
            assertTrue(attemptsHere != null && attemptsThere != null, "both servers' timers tick: " + attemptsHere + ", " + attemptsThere);
            assertTrue(runsPerTick.size() >= (lastTick - firstTick + 1) / 2, "the locked timer ran: " + runsPerTick);
            runsPerTick.forEach((tick, runs) -> assertEquals(1L, runs, "tick " + tick + ": " + runsPerTick));
        }
    }
}
