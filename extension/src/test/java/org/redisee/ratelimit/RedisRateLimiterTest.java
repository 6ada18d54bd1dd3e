package org.redisee.ratelimit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisee.TestContainer;
import org.redisee.client.RedisClients;
import org.redisee.metrics.RedisMetrics;
import org.redisee.testing.RedisCluster;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limiter core against a real Redis: the limit, retry-after, status, reset, key expiry, and many threads. */
@ExtendWith(RedisServerExtension.class)
class RedisRateLimiterTest {

    @Singleton
    static class Clients {
        @Inject RedisClients clients;
    }

    private static RedisRateLimiter limiter(TestContainer app, RateLimitAlgorithm algorithm, long limit, Duration window) {
        RateLimitPolicy policy = new RateLimitPolicy("test-" + algorithm, limit, window, algorithm, true, "default", false);
        return new RedisRateLimiter(policy, app.select(Clients.class).clients.client("default"), "test", RedisMetrics.NONE);
    }

    /**
     * Waits, if need be, until Redis's clock is in the first half of a window: the windows are aligned to it, and calls
     * that straddle a boundary are counted in two windows (the fixed window starts afresh; the sliding window weighs
     * the previous one down), which would let the call after the limit through.
     */
    private static void startEarlyInAWindow(RedisCommands commands, Duration window) {
        List<?> time = (List<?>) commands.execute("TIME");
        long nowMillis = Long.parseLong(String.valueOf(time.get(0))) * 1000 + Long.parseLong(String.valueOf(time.get(1))) / 1000;
        long intoWindow = nowMillis % window.toMillis();
        if (intoWindow > window.toMillis() / 2) {
            try {
                Thread.sleep(window.toMillis() - intoWindow + 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RateLimitAlgorithm.class)
    void allowsTheLimitThenRejectsWithRetryAfterAndKeysExpire(RateLimitAlgorithm algorithm, RedisStandalone redis) {
        try (TestContainer app = TestContainer.start(Map.of("redisee.url", redis.url()), Clients.class);
             RedisCommands commands = redis.connect()) {
            Duration window = Duration.ofSeconds(2);
            RedisRateLimiter limiter = limiter(app, algorithm, 5, window);
            String key = UUID.randomUUID().toString();
            startEarlyInAWindow(commands, window);

            assertEquals(5, limiter.status(key).remaining(), "status takes nothing");
            for (int i = 0; i < 5; i++) {
                RateLimitDecision decision = limiter.tryAcquire(key, 1);
                assertTrue(decision.allowed(), "call " + (i + 1) + " of 5");
                assertEquals(4 - i, decision.remaining());
            }
            RateLimitDecision rejected = limiter.tryAcquire(key, 1);
            assertFalse(rejected.allowed(), "the 6th call");
            assertEquals(0, rejected.remaining());
            assertTrue(rejected.retryAfter().compareTo(Duration.ZERO) > 0
                    && rejected.retryAfter().compareTo(window) <= 0, "retry-after " + rejected.retryAfter());
            assertTrue(rejected.decided());

            long ttl = Long.parseLong(commands.call("PTTL", limiter.redisKey(key)));
            long bound = algorithm == RateLimitAlgorithm.SLIDING_WINDOW ? 2 * window.toMillis() : window.toMillis();
            assertTrue(ttl > 0 && ttl <= bound, algorithm + ": the key expires within " + bound + " ms, PTTL " + ttl);

            limiter.reset(key);
            assertTrue(limiter.tryAcquire(key, 4).allowed(), "after reset");
            assertFalse(limiter.tryAcquire(key, 3).allowed(), "3 permits when 1 is left");
            assertTrue(limiter.tryAcquire(key, 1).allowed(), "the rejected request took nothing");
        }
    }

    @ParameterizedTest
    @EnumSource(RateLimitAlgorithm.class)
    void worksOnASixNodeClusterWithKeysSpreadOverItsSlots(RateLimitAlgorithm algorithm, RedisCluster cluster) {
        try (TestContainer app = TestContainer.start(Map.of(
                "redisee.cluster.nodes", String.join(",", cluster.nodeUrls())), Clients.class)) {
            // a window long enough that no fixed window ends during the test
            RedisRateLimiter limiter = limiter(app, algorithm, 3, Duration.ofHours(1));
            java.util.Set<String> slots = new java.util.TreeSet<>();
            for (int k = 0; k < 20; k++) {
                String key = "user-" + k + "-" + UUID.randomUUID();
                for (int i = 0; i < 3; i++) {
                    assertTrue(limiter.tryAcquire(key, 1).allowed(), algorithm + ": call " + (i + 1) + " of key " + k);
                }
                assertFalse(limiter.tryAcquire(key, 1).allowed(), algorithm + ": the 4th call of key " + k);
                slots.add(cluster.call("CLUSTER", "KEYSLOT", limiter.redisKey(key)));
            }
            assertTrue(slots.size() > 10, "keys of different callers land in different slots: " + slots.size() + " of 20");
        }
    }

    @ParameterizedTest
    @EnumSource(RateLimitAlgorithm.class)
    void sixteenThreadsNeverGetMoreThanTheLimitAllows(RateLimitAlgorithm algorithm, RedisStandalone redis) throws Exception {
        try (TestContainer app = TestContainer.start(Map.of("redisee.url", redis.url()), Clients.class)) {
            long limit = 50;
            Duration window = Duration.ofSeconds(1);
            RedisRateLimiter limiter = limiter(app, algorithm, limit, window);
            String key = UUID.randomUUID().toString();
            AtomicLong admitted = new AtomicLong();
            long runNanos = TimeUnit.MILLISECONDS.toNanos(2500);
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            for (int t = 0; t < 16; t++) {
                pool.submit(() -> {
                    while (System.nanoTime() - start < runNanos) {
                        if (limiter.tryAcquire(key, 1).allowed()) {
                            admitted.incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            // 2.5 s touch at most 4 fixed windows; a full bucket plus 2.5 s of refill; the sliding estimate allows
            // at most the limit per sliding window, so about limit x 3.5.
            long bound = switch (algorithm) {
                case FIXED_WINDOW -> 4 * limit;
                case TOKEN_BUCKET -> limit + limit * 5 / 2 + 1;
                case SLIDING_WINDOW -> limit * 7 / 2;
            };
            System.out.println("[ratelimit] " + algorithm + ": 16 threads for 2.5 s at " + limit + "/s admitted "
                    + admitted.get() + " (bound " + bound + ")");
            assertTrue(admitted.get() <= bound, algorithm + " admitted " + admitted.get() + ", bound " + bound);
            assertTrue(admitted.get() >= 2 * limit, algorithm + " admitted only " + admitted.get());
            if (algorithm == RateLimitAlgorithm.SLIDING_WINDOW) {
                try (RedisCommands commands = redis.connect()) {
                    long fields = Long.parseLong(commands.call("HLEN", limiter.redisKey(key)));
                    assertTrue(fields <= 2, "state of the current and previous windows only, after 3 windows: " + fields);
                }
            }
        }
    }
}
