package org.redisee.lock;

import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.TestContainer;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Locked} across two "nodes" (two containers, each with its own Redisson client) on a real Redis. */
@ExtendWith(RedisServerExtension.class)
class LockedTest {

    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
    static final AtomicInteger RUNS = new AtomicInteger();

    @ApplicationScoped
    public static class Work {
        @Locked(name = "critical", waitFor = "30s")
        public void critical() throws InterruptedException {
            int now = RUNNING.incrementAndGet();
            MOST_AT_ONCE.accumulateAndGet(now, Math::max);
            Thread.sleep(2);
            RUNS.incrementAndGet();
            RUNNING.decrementAndGet();
        }

        @Locked(name = "tick")
        public void tick(CountDownLatch hold) throws InterruptedException {
            RUNS.incrementAndGet();
            hold.await(10, TimeUnit.SECONDS);
        }

        @Locked(name = "quick", atMostEvery = "1s")
        public void quick() {
            RUNS.incrementAndGet();
        }

        @Locked(name = "order", waitFor = "100ms")
        public String perOrder(@LockKey String order, CountDownLatch hold) throws InterruptedException {
            hold.await(10, TimeUnit.SECONDS);
            return "done " + order;
        }
    }

    private static TestContainer node(RedisStandalone redis, String prefix) {
        return TestContainer.start(Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix,
                "redisee.metrics.backend", "none"), Work.class);
    }

    @Test
    void twoNodesTimesTwentyThreadsNeverRunTheMethodAtOnce(RedisStandalone redis) throws Exception {
        String prefix = "lk" + UUID.randomUUID().toString().substring(0, 8);
        RUNS.set(0);
        MOST_AT_ONCE.set(0);
        try (TestContainer a = node(redis, prefix); TestContainer b = node(redis, prefix)) {
            ExecutorService pool = Executors.newFixedThreadPool(40);
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                Work work = (t % 2 == 0 ? a : b).select(Work.class);
                calls.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        work.critical();
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(400, RUNS.get(), "every call ran");
            assertEquals(1, MOST_AT_ONCE.get(), "never two at once");
        }
    }

    @Test
    void aVoidMethodIsSkippedWhileAnotherNodeHoldsTheLockAndOthersThrow(RedisStandalone redis) throws Exception {
        String prefix = "lk" + UUID.randomUUID().toString().substring(0, 8);
        RUNS.set(0);
        try (TestContainer a = node(redis, prefix); TestContainer b = node(redis, prefix)) {
            CountDownLatch hold = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> holder = pool.submit(() -> {
                a.select(Work.class).tick(hold);
                return null;
            });
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (RUNS.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            b.select(Work.class).tick(new CountDownLatch(0));
            assertEquals(1, RUNS.get(), "B's tick was skipped while A's ran: one run per tick");

            CountDownLatch holdOrder = new CountDownLatch(1);
            ExecutorService orders = Executors.newSingleThreadExecutor();
            Future<String> first = orders.submit(() -> a.select(Work.class).perOrder("42", holdOrder));
            Thread.sleep(200);
            LockUnavailableException busy = assertThrows(LockUnavailableException.class,
                    () -> b.select(Work.class).perOrder("42", new CountDownLatch(0)));
            assertTrue(busy.getMessage().contains("order:42"), busy.getMessage());
            assertEquals("done 43", b.select(Work.class).perOrder("43", new CountDownLatch(0)), "another key, another lock");
            holdOrder.countDown();
            hold.countDown();
            assertEquals("done 42", first.get(10, TimeUnit.SECONDS));
            holder.get(10, TimeUnit.SECONDS);
            pool.shutdown();
            orders.shutdown();
        }
    }

    @Test
    void atMostEverySpacesRunsAcrossNodesThoughEachReturnsAtOnce(RedisStandalone redis) throws Exception {
        String prefix = "lk" + UUID.randomUUID().toString().substring(0, 8);
        RUNS.set(0);
        try (TestContainer a = node(redis, prefix); TestContainer b = node(redis, prefix)) {
            a.select(Work.class).quick();
            b.select(Work.class).quick(); // the lock is free again, but A's run started just now
            a.select(Work.class).quick();
            assertEquals(1, RUNS.get(), "one run within the second");
            Thread.sleep(1100);
            b.select(Work.class).quick();
            assertEquals(2, RUNS.get(), "the next second's run, on B");
        }
    }

    @Test
    void twoJvmsTimesTwentyThreadsNeverRunTheMethodAtOnce(RedisStandalone redis) throws Exception {
        String prefix = "lk" + UUID.randomUUID().toString().substring(0, 8);
        Process otherJvm = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockContender.class.getName(), redis.url(), prefix)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (TestContainer here = LockContender.node(redis.url(), prefix); var commands = redis.connect()) {
            LockContender.contend(here, prefix);
            assertTrue(otherJvm.waitFor(120, TimeUnit.SECONDS), "the other JVM finished");
            assertEquals(0, otherJvm.exitValue(), "the other JVM's calls all returned");
            int calls = 2 * LockContender.THREADS * LockContender.CALLS;
            assertEquals(calls, Long.parseLong(commands.call("GET", prefix + ":runs")), "every call of both JVMs ran");
            assertEquals(null, commands.call("GET", prefix + ":overlaps"), "never two at once");
        } finally {
            otherJvm.destroyForcibly();
        }
    }
}
