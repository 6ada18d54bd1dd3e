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
import org.openjdk.jmh.annotations.Warmup;
import org.redisee.TestContainer;
import org.redisee.testing.RedisCommands;
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
import java.util.function.IntSupplier;

/**
 * Rate-limit decisions per second: through {@code @RateLimited} (sliding window, fixed window and token bucket), against the floor
 * of a raw {@code EVALSHA} of a trivial script and against Redisson's {@code RRateLimiter.tryAcquire()}, all on the
 * extension's own client and one Redis. Run with {@code -t 1} and {@code -t 8}. At tear-down, each arm runs 1,000
 * more decisions while {@code INFO commandstats} counts the commands Redis executed, and prints them per decision as
 * {@code [ratelimit-commands]} lines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RateLimitDecisions {

    private TestContainer app;
    private LimitedService limited;
    private RedissonClient client;
    private String trivialSha;
    private RRateLimiter redissonLimiter;
    private String url;

    @Setup(Level.Trial)
    public void start() {
        url = RedisServers.standalone().url();
        app = TestContainer.start(Map.of("redisee.url", url, "redisee.key-prefix", "bench",
                "redisee.metrics.backend", "none", "redisee.fail-fast", "true"), LimitedService.class);
        limited = app.select(LimitedService.class);
        client = app.select(RedissonClient.class);
        trivialSha = client.getScript(StringCodec.INSTANCE).scriptLoad("return 1");
        redissonLimiter = client.getRateLimiter("bench:rrl:" + System.nanoTime());
        redissonLimiter.trySetRate(RateType.OVERALL, 1_000_000_000L, Duration.ofSeconds(1));
    }

    @Benchmark
    public int annotatedSlidingWindow() {
        return limited.sliding();
    }

    @Benchmark
    public int annotatedFixedWindow() {
        return limited.fixed();
    }

    @Benchmark
    public int annotatedTokenBucket() {
        return limited.bucket();
    }

    @Benchmark
    public Object rawEvalShaFloor() {
        return client.getScript(StringCodec.INSTANCE).evalSha(RScript.Mode.READ_WRITE, trivialSha, RScript.ReturnType.LONG, List.of("bench:floor"));
    }

    @Benchmark
    public boolean redissonRateLimiter() {
        return redissonLimiter.tryAcquire();
    }

    @TearDown(Level.Trial)
    public void countCommands() {
        Map<String, IntSupplier> arms = Map.of(
                "annotated sliding window", limited::sliding,
                "annotated token bucket", limited::bucket,
                "annotated fixed window", limited::fixed,
                "raw EVALSHA floor", () -> rawEvalShaFloor() == null ? 0 : 1,
                "Redisson RRateLimiter", () -> redissonLimiter.tryAcquire() ? 1 : 0);
        try (RedisCommands commands = RedisCommands.connect(url)) {
            arms.forEach((arm, call) -> {
                String before = commands.call("INFO", "commandstats");
                for (int i = 0; i < 1000; i++) {
                    call.getAsInt();
                }
                String after = commands.call("INFO", "commandstats");
                // INFO itself is one command; EVAL and EVALSHA are what a client sends for a script.
                double all = (calls(after, null) - calls(before, null) - 1) / 1000.0;
                double scripts = (calls(after, "cmdstat_evalsha") + calls(after, "cmdstat_eval")
                        - calls(before, "cmdstat_evalsha") - calls(before, "cmdstat_eval")) / 1000.0;
                System.out.printf(Locale.ROOT, "[ratelimit-commands] %-26s %.2f EVAL/EVALSHA and %.2f commands in all per decision%n",
                        arm, scripts, all);
            });
        }
        app.close();
    }

    /**
     * The {@code calls=} of one command in {@code INFO commandstats} ({@code cmdstat_evalsha}), or of all commands for
     * null; commands run by scripts count too.
     */
    private static long calls(String info, String command) {
        long total = 0;
        for (String line : info.split("\r?\n")) {
            int at = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && at > 0 && (command == null || line.startsWith(command + ":"))) {
                total += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
            }
        }
        return total;
    }
}
