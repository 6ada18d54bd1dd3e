package org.redisee.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.redisee.TestContainer;
import org.redisee.testing.RedisServers;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RScript;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rate-limit decisions, interleaved on one thread so every arm sees the same machine state: (0) {@code @RateLimited}
 * sliding window; (1) {@code @RateLimited} token bucket; (2) the floor, a raw {@code EVALSHA} of {@code return 1};
 * (3) Redisson's {@code RRateLimiter.tryAcquire()}; (4) the floor again, the A/A control; (5) the sliding-window
 * limiter called directly, without the interceptor; (6) a script as cheap as the floor's, but sent the way the
 * limiter sends its own ({@code eval} of the text, a list back); (7) {@code @RateLimited} fixed window. Arms 5 and 6 split the cost between the interceptor,
 * the call path and the script's work in Redis. All on the extension's client and one Redis. Prints {@code [ratelimit]} lines: each arm's time and its speed relative to the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class PairedRateLimit {

    private static final int ARMS = 8;

    private final InterleavedArms arms = new InterleavedArms(ARMS, 1 << 20);
    private TestContainer app;
    private LimitedService limited;
    private RedissonClient client;
    private String floorSha;
    private RRateLimiter redissonLimiter;
    private org.redisee.ratelimit.RateLimiter direct;
    private boolean recording;

    @Setup(Level.Trial)
    public void start() {
        app = TestContainer.start(Map.of("redisee.url", RedisServers.standalone().url(), "redisee.key-prefix", "bench",
                "redisee.metrics.backend", "none", "redisee.fail-fast", "true"), LimitedService.class);
        limited = app.select(LimitedService.class);
        client = app.select(RedissonClient.class);
        floorSha = client.getScript(StringCodec.INSTANCE).scriptLoad("return 1");
        redissonLimiter = client.getRateLimiter("bench:rrl:" + System.nanoTime());
        redissonLimiter.trySetRate(RateType.OVERALL, 1_000_000L, Duration.ofSeconds(1));
        direct = app.select(org.redisee.ratelimit.RateLimitOperations.class).limiter("bench-sliding");
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        recording = params.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public void allArms(Blackhole bh) {
        long[] took = new long[ARMS];
        for (int arm : arms.shuffledOrder()) {
            long t0 = System.nanoTime();
            bh.consume(call(arm));
            took[arm] = System.nanoTime() - t0;
        }
        if (recording) {
            arms.record(took);
        }
    }

    private Object call(int arm) {
        switch (arm) {
            case 0: return limited.sliding();
            case 1: return limited.bucket();
            case 3: return redissonLimiter.tryAcquire();
            case 5: return direct.tryAcquire("-", 1);
            case 7: return limited.fixed();
            case 6: return client.getScript(StringCodec.INSTANCE).eval("bench:floor", RScript.Mode.READ_WRITE,
                    "return {1, 1, 0, 0}", RScript.ReturnType.LIST, List.of("bench:floor"));
            default: return client.getScript(StringCodec.INSTANCE).evalSha(RScript.Mode.READ_WRITE, floorSha,
                    RScript.ReturnType.LONG, List.of("bench:floor"));
        }
    }

    @TearDown(Level.Trial)
    public void report() {
        String[] labels = {"sliding", "bucket", "floor", "RRateLimiter", "floor(2)", "direct", "eval-list", "fixed"};
        double[][] stats = new double[ARMS][];
        for (int arm = 0; arm < ARMS; arm++) {
            stats[arm] = arms.statistics(arm);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n[ratelimit] %d rounds of one call per arm (random order); speed vs the floor = floor time / arm time%n",
                arms.samples()));
        for (int s = 0; s < InterleavedArms.STATISTICS.length; s++) {
            out.append(String.format(Locale.ROOT, "[ratelimit] %-6s", InterleavedArms.STATISTICS[s]));
            for (int arm = 0; arm < ARMS; arm++) {
                out.append(String.format(Locale.ROOT, " | %s %.1f us = %.3fx", labels[arm], stats[arm][s], stats[2][s] / stats[arm][s]));
            }
            out.append('\n');
        }
        System.out.print(out);
        app.close();
    }
}
