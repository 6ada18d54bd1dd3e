package org.redisee.benchmarks;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Round trips per cache miss, counted, not timed: each invocation misses a key never used before, and
 * {@link CommandCounter} counts what Redis executed during each iteration (MONITOR, cross-checked with
 * {@code INFO commandstats}). The counts are printed after each iteration; the warmup iteration is the first use
 * and includes loading the Lua scripts. JMH's score (time for the batch) is taken with MONITOR on and is NOT a
 * latency figure.
 * <ul>
 *   <li>{@code missLockOnMiss}: {@code @Cached} with {@code lock-on-miss=true} (the default)</li>
 *   <li>{@code missNoLock}: {@code @Cached} with {@code lock-on-miss=false}</li>
 *   <li>{@code rawGetSet}: the plain miss, on a raw Redisson client: {@code GET}, then {@code SET ... PX}</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, batchSize = CacheMissRoundTrips.WARMUP_MISSES)
@Measurement(iterations = 1, batchSize = CacheMissRoundTrips.MISSES)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CacheMissRoundTrips {

    static final int WARMUP_MISSES = 20;
    static final int MISSES = 500;

    private RedisStandalone redis;
    private BenchApp app;
    private CatalogService service;
    private RedissonClient raw;
    private Jsonb jsonb;
    private RedisCommands control;
    private CommandCounter counter;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private long sequence;
    private long firstSequence;
    private long loadsBefore;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        try {
            redis = RedisServers.standalone();
            app = BenchApp.start(redis.url());
            service = app.select(CatalogService.class);
            raw = RawRedisson.create(redis.url());
            jsonb = JsonbBuilder.create();
            control = redis.connect();
        } catch (RuntimeException | Error e) {
            tearDown(); // or the fork's Redisson threads keep it alive after the failure
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (control != null) {
            control.close();
        }
        if (raw != null) {
            raw.shutdown();
        }
        if (jsonb != null) {
            jsonb.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        firstSequence = sequence;
        loadsBefore = service.loads();
        counter = CommandCounter.start(redis, control);
    }

    @TearDown(Level.Iteration)
    public void report(BenchmarkParams benchmark, IterationParams iteration) {
        CommandCounter.Result result = counter.stop();
        counter.close();
        long misses = sequence - firstSequence;
        String name = benchmark.getBenchmark().substring(benchmark.getBenchmark().lastIndexOf('.') + 1);
        long loads = service.loads() - loadsBefore;
        boolean raw = name.equals("rawGetSet");
        StringBuilder out = new StringBuilder();
        out.append('\n').append(String.format(Locale.ROOT, "[round-trips] %s, %s: %d misses on distinct keys%n", name,
                iteration.getType() == IterationType.WARMUP ? "warmup (first use)" : "measurement", misses));
        out.append(String.format(Locale.ROOT, "[round-trips]   client round trips: %s = %d, %.2f per miss%n",
                result.monitor().client(), result.monitor().clientTotal(), result.monitor().clientTotal() / (double) misses));
        out.append(String.format(Locale.ROOT, "[round-trips]   inside scripts (MONITOR 'lua'): %s%n", result.monitor().lua()));
        out.append(String.format(Locale.ROOT, "[round-trips]   background (not on bench: keys): %s%n", result.monitor().background()));
        out.append(String.format(Locale.ROOT, "[round-trips]   INFO commandstats delta: %s%n", result.commandStatsDelta()));
        out.append(String.format(Locale.ROOT, "[round-trips]   MONITOR vs commandstats: %s%n",
                result.mismatches().isEmpty() ? "consistent" : "DIFFER " + result.mismatches()));
        if (!raw && loads != misses) {
            out.append(String.format(Locale.ROOT, "[round-trips]   WARNING: %d loader calls for %d misses%n", loads, misses));
        }
        System.out.print(out);
    }

    private String nextId() {
        return run + "-" + (sequence++);
    }

    @Benchmark
    public Product missLockOnMiss() {
        return service.missLock(nextId());
    }

    @Benchmark
    public Product missNoLock() {
        return service.missNoLock(nextId());
    }

    @Benchmark
    public String rawGetSet() {
        String id = nextId();
        RBucket<String> bucket = raw.getBucket("bench:raw:{" + id + "}", StringCodec.INSTANCE);
        String json = bucket.get();
        if (json == null) {
            json = jsonb.toJson(Product.of(id));
            bucket.set(json, Duration.ofHours(1));
        }
        return json;
    }
}
