package org.redisee.benchmarks;

import org.redisee.TestContainer;
import org.redisee.ratelimit.RateLimitAlgorithm;
import org.redisee.ratelimit.RateLimitDecision;
import org.redisee.ratelimit.RateLimitOperations;
import org.redisee.ratelimit.RateLimiter;
import org.redisee.testing.RedisServers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Exactness of the rate limits across two JVMs: for each algorithm, 16 threads in each of two JVMs call
 * {@code tryAcquire} on one key with a limit of 100 per second for 5 seconds. Each admitted call is noted with the
 * machine's monotonic clock, which both JVMs share, and the decision's {@code reset}. Then:
 * <ul>
 *   <li>fixed window: the admitted calls per window (grouped by when their window ends) must not exceed 100;</li>
 *   <li>token bucket: in any one-second interval after the first burst, at most 100 + 1 (the refill rate);</li>
 *   <li>sliding window: in any one-second interval, at most 100 plus the documented error of the approximation.</li>
 * </ul>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar org.redisee.benchmarks.TwoJvmRateLimit}.
 */
public final class TwoJvmRateLimit {

    private static final int LIMIT = 100;
    private static final int THREADS = 16;
    private static final long RUN_MILLIS = 5000;

    private TwoJvmRateLimit() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("node-b")) {
            nodeB(args[1]);
            return;
        }
        String url = RedisServers.standalone().url();
        try (SecondJvm b = new SecondJvm(TwoJvmRateLimit.class, "node-b", url);
             TestContainer a = start(url)) {
            b.expect("ready");
            RateLimitOperations limits = a.select(RateLimitOperations.class);
            for (RateLimitAlgorithm algorithm : RateLimitAlgorithm.values()) {
                String key = "exact-" + System.nanoTime();
                long startAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                b.send("hammer " + algorithm + " " + key + " " + startAt);
                b.expect("armed");
                List<long[]> admitted = new ArrayList<>(hammer(limits.limiter(name(algorithm)), key, startAt));
                for (String pair : b.expect("done").substring(4).trim().split(" ")) {
                    if (!pair.isEmpty()) {
                        String[] parts = pair.split(":");
                        admitted.add(new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1])});
                    }
                }
                report(algorithm, admitted);
            }
        }
        System.exit(0);
    }

    private static void report(RateLimitAlgorithm algorithm, List<long[]> admitted) {
        admitted.sort((x, y) -> Long.compare(x[0], y[0]));
        String check;
        if (algorithm == RateLimitAlgorithm.FIXED_WINDOW) {
            Map<Long, Integer> perWindow = new TreeMap<>();
            for (long[] call : admitted) {
                perWindow.merge(Math.round((call[0] + call[1]) / 1e8), 1, Integer::sum); // window end, to 100 ms
            }
            check = "per window " + perWindow.values() + ", max " + Collections.max(perWindow.values()) + " (limit " + LIMIT + ")";
        } else {
            long skip = algorithm == RateLimitAlgorithm.TOKEN_BUCKET ? admitted.get(0)[0] + TimeUnit.SECONDS.toNanos(1) : 0;
            int max = 0;
            for (int i = 0, j = 0; i < admitted.size(); i++) {
                if (admitted.get(i)[0] < skip) {
                    continue;
                }
                while (j < admitted.size() && admitted.get(j)[0] < admitted.get(i)[0] + TimeUnit.SECONDS.toNanos(1)) {
                    j++;
                }
                max = Math.max(max, j - i);
            }
            check = "max in any 1 s interval " + max + (algorithm == RateLimitAlgorithm.TOKEN_BUCKET
                    ? " after the first second's burst (bound " + (LIMIT + 1) + ")" : " (limit " + LIMIT + ", approximation)");
        }
        System.out.printf(Locale.ROOT, "[two-jvm-ratelimit] %-14s 2 JVMs x %d threads, %d ms at %d/s: %d admitted; %s%n",
                algorithm, THREADS, RUN_MILLIS, LIMIT, admitted.size(), check);
    }

    /** Calls from {@value #THREADS} threads from {@code startAt} for {@value #RUN_MILLIS} ms; the admitted calls' times and resets. */
    private static List<long[]> hammer(RateLimiter limiter, String key, long startAt) throws InterruptedException {
        List<long[]> admitted = Collections.synchronizedList(new ArrayList<>());
        long end = startAt + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.submit(() -> {
                SecondJvm.sleepUntil(startAt);
                while (System.nanoTime() < end) {
                    RateLimitDecision decision = limiter.tryAcquire(key, 1);
                    long at = System.nanoTime();
                    if (decision.allowed()) {
                        admitted.add(new long[]{at, decision.reset().toNanos()});
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(RUN_MILLIS + 30_000, TimeUnit.MILLISECONDS);
        return admitted;
    }

    /** Node B: hammers when A says so, and answers with its admitted calls. */
    private static void nodeB(String url) throws Exception {
        try (TestContainer b = start(url)) {
            RateLimitOperations limits = b.select(RateLimitOperations.class);
            SecondJvm.serve((command, answer) -> {
                answer.accept("armed");
                List<long[]> admitted = hammer(limits.limiter(name(RateLimitAlgorithm.valueOf(command[1]))),
                        command[2], Long.parseLong(command[3]));
                StringBuilder done = new StringBuilder("done");
                synchronized (admitted) {
                    admitted.forEach(call -> done.append(' ').append(call[0]).append(':').append(call[1]));
                }
                answer.accept(done.toString());
            });
        }
        System.exit(0);
    }

    private static String name(RateLimitAlgorithm algorithm) {
        return "exact-" + algorithm.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static TestContainer start(String url) {
        Map<String, String> config = new HashMap<>();
        config.put("redisee.url", url);
        config.put("redisee.fail-fast", "true");
        config.put("redisee.key-prefix", "bench");
        config.put("redisee.metrics.backend", "none");
        for (RateLimitAlgorithm algorithm : RateLimitAlgorithm.values()) {
            String prefix = "redisee.ratelimit." + name(algorithm) + ".";
            config.put(prefix + "limit", Integer.toString(LIMIT));
            config.put(prefix + "window", "1s");
            config.put(prefix + "algorithm", name(algorithm).substring("exact-".length()));
        }
        java.util.logging.Logger.getLogger("org.jboss.weld").setLevel(java.util.logging.Level.WARNING);
        return TestContainer.start(config);
    }
}
