package org.redisee.lock;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.redisee.TestContainer;
import org.redisson.api.RedissonClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One node of {@link LockedTest}'s two-JVM test: 20 threads call a {@link Locked} method 10 times each. The test runs
 * one in its own JVM and starts another JVM with {@link #main}. Exclusion is checked in Redis, where both JVMs see it.
 */
public final class LockContender {

    static final int THREADS = 20;
    static final int CALLS = 10;

    private LockContender() {
    }

    @Singleton // no client proxy: contend() reads the field
    public static class Contended {
        @Inject
        RedissonClient redis;

        @Locked(name = "two-jvms", waitFor = "60s")
        public void critical(String prefix) throws InterruptedException {
            if (redis.getAtomicLong(prefix + ":inside").incrementAndGet() != 1) {
                redis.getAtomicLong(prefix + ":overlaps").incrementAndGet();
            }
            Thread.sleep(2);
            redis.getAtomicLong(prefix + ":runs").incrementAndGet();
            redis.getAtomicLong(prefix + ":inside").decrementAndGet();
        }
    }

    static TestContainer node(String url, String prefix) {
        return TestContainer.start(Map.of("redisee.url", url, "redisee.key-prefix", prefix, "redisee.metrics.backend", "none"),
                Contended.class);
    }

    /** Waits until both nodes are up, so that their calls overlap in time, then calls from every thread. */
    static void contend(TestContainer node, String prefix) throws Exception {
        Contended contended = node.select(Contended.class);
        contended.redis.getAtomicLong(prefix + ":ready").incrementAndGet();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (contended.redis.getAtomicLong(prefix + ":ready").get() < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the other node did not come up within 60 s");
            }
            Thread.sleep(5);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                calls.add(pool.submit(() -> {
                    for (int i = 0; i < CALLS; i++) {
                        contended.critical(prefix);
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code <redis url> <key prefix>} */
    public static void main(String[] args) throws Exception {
        try (TestContainer node = node(args[0], args[1])) {
            contend(node, args[1]);
        }
        System.exit(0);
    }
}
