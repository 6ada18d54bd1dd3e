package org.redisee.benchmarks;

import org.redisee.TestContainer;
import org.redisee.testing.RedisServers;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The caching annotations across two JVMs (not two containers in one JVM): this process is node A and starts node B
 * as a second {@code java} process on the same class path; both run {@link TwoNodeService} on one Redis.
 *
 * <ul>
 *   <li><b>Near-cache invalidation</b>: A updates a near-cached entry ({@code @CacheUpdate}); B reads it in a loop
 *       and reports when it serves the new value. Latency = B's first read of the new value minus the start of A's
 *       update call, on the machine's monotonic clock, which both JVMs share.</li>
 *   <li><b>Stampede</b>: 50 threads in each JVM call a 200 ms {@code @Cached} method with the same new key at the
 *       same moment. The body's runs are counted in Redis (target: exactly 1), and each caller's delay after the
 *       body finished is measured (target: within 50 ms).</li>
 * </ul>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar org.redisee.benchmarks.TwoJvmCache [updates] [stampedes]}.
 * Node B talks to A over its standard input and output, one command and one answer per line.
 */
public final class TwoJvmCache {

    private static final int THREADS_PER_NODE = 50;

    private TwoJvmCache() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("node-b")) {
            nodeB(args[1]);
            return;
        }
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int stampedes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String url = RedisServers.standalone().url();
        try (SecondJvm b = new SecondJvm(TwoJvmCache.class, "node-b", url);
             TestContainer a = start(url)) {
            b.expect("ready");
            TwoNodeService service = a.select(TwoNodeService.class);
            invalidation(service, b, updates);
            stampede(service, a.select(RedissonClient.class), b, stampedes);
        }
        System.exit(0); // Redisson's and Weld's non-daemon threads of the closed container may linger briefly
    }

    private static void invalidation(TwoNodeService a, SecondJvm b, int updates) throws Exception {
        String key = "near-" + System.nanoTime();
        a.write(key, "v0");
        long[] latencies = new long[updates];
        for (int i = 1; i <= updates; i++) {
            String value = "v" + i;
            b.send("watch " + key + " " + value);
            b.expect("watching");
            long started = System.nanoTime();
            a.write(key, value);
            long seen = Long.parseLong(b.expect("seen ").substring(5));
            latencies[i - 1] = Math.max(0, seen - started);
        }
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "[two-jvm] near-cache invalidation, %d updates on A seen by B: p50 %.2f ms, p90 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms (target p99 < 50 ms)%n", updates, ms(pct(latencies, 0.5)),
                ms(pct(latencies, 0.9)), ms(pct(latencies, 0.99)), ms(latencies[latencies.length - 1]));
    }

    private static void stampede(TwoNodeService a, RedissonClient redis, SecondJvm b, int rounds) throws Exception {
        List<Long> delays = new ArrayList<>();
        long[] runs = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            String key = "stampede-" + System.nanoTime();
            long startAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            b.send("stampede " + key + " " + startAt);
            b.expect("armed");
            long[] mine = callTogether(a, key, startAt);
            String[] theirs = b.expect("done").substring(4).trim().split(" ");
            long finished = Long.parseLong(redis.<String>getBucket("bench:two-jvm:finished:" + key, StringCodec.INSTANCE).get());
            runs[round] = redis.getAtomicLong("bench:two-jvm:runs:" + key).get();
            for (long end : mine) {
                delays.add(end - finished);
            }
            for (String end : theirs) {
                delays.add(Long.parseLong(end) - finished);
            }
        }
        long[] sorted = delays.stream().mapToLong(Long::longValue).map(d -> Math.max(0, d)).sorted().toArray();
        System.out.printf(Locale.ROOT, "[two-jvm] stampede, %d rounds of 2 JVMs x %d threads on one new key, 200 ms body:"
                        + " body runs per round %s (target 1); callers' delay after the body finished: p50 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms (target within 50 ms)%n", rounds, THREADS_PER_NODE,
                Arrays.toString(runs), ms(pct(sorted, 0.5)), ms(pct(sorted, 0.99)), ms(sorted[sorted.length - 1]));
    }

    /** Runs {@value #THREADS_PER_NODE} calls that start together at {@code startAt}; returns when each finished. */
    private static long[] callTogether(TwoNodeService service, String key, long startAt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_NODE);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS_PER_NODE);
            List<Future<Long>> ends = new ArrayList<>();
            for (int t = 0; t < THREADS_PER_NODE; t++) {
                ends.add(pool.submit(() -> {
                    ready.countDown();
                    SecondJvm.sleepUntil(startAt);
                    service.compute(key);
                    return System.nanoTime();
                }));
            }
            ready.await();
            long[] result = new long[THREADS_PER_NODE];
            for (int t = 0; t < THREADS_PER_NODE; t++) {
                result[t] = ends.get(t).get(30, TimeUnit.SECONDS);
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Node B: answers A's commands. */
    private static void nodeB(String url) throws Exception {
        try (TestContainer b = start(url)) {
            TwoNodeService service = b.select(TwoNodeService.class);
            SecondJvm.serve((command, answer) -> {
                if (command[0].equals("watch")) {
                    String key = command[1];
                    service.read(key); // warm: the entry is in B's near cache before A changes it
                    answer.accept("watching");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!service.read(key).equals(command[2]) && System.nanoTime() < deadline) {
                        Thread.onSpinWait(); // a stale value past the deadline shows as a 10 s latency
                    }
                    answer.accept("seen " + System.nanoTime());
                } else if (command[0].equals("stampede")) {
                    answer.accept("armed");
                    StringBuilder done = new StringBuilder("done");
                    for (long end : callTogether(service, command[1], Long.parseLong(command[2]))) {
                        done.append(' ').append(end);
                    }
                    answer.accept(done.toString());
                }
            });
        }
        System.exit(0);
    }

    private static TestContainer start(String url) {
        Map<String, String> config = new HashMap<>();
        config.put("redisee.url", url);
        config.put("redisee.fail-fast", "true");
        config.put("redisee.key-prefix", "bench");
        config.put("redisee.metrics.backend", "none");
        config.put("redisee.cache.two-jvm-near.near-cache", "true");
        config.put("redisee.cache.two-jvm-stampede.lock-timeout", "5s");
        java.util.logging.Logger.getLogger("org.jboss.weld").setLevel(java.util.logging.Level.WARNING);
        return TestContainer.start(config, TwoNodeService.class);
    }



    private static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
