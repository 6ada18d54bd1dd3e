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
import org.redisson.client.codec.StringCodec;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The hit comparison again, interleaved: each invocation makes one interceptor hit, one raw GET + decode on the
 * separate client and three on the extension's own client (an A/A control, and one after about 1 µs of busy CPU
 * work), all of the same key,
 * in a random order each time, and times each call with {@code System.nanoTime()}. All arms therefore see the same
 * background load, which on a shared 2-core machine drifts more within a minute than the difference being measured.
 * Per-arm percentiles and their ratios are printed after the run as {@code [paired]} lines; JMH's own score is the
 * time of one round of five calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class PairedRemoteHit {

    /** Enough for 10 s at 10 µs per call; the run is far slower than that. */
    private static final int CAPACITY = 1 << 20;
    /**
     * 0: interceptor (remoteHit); 1: raw on a separate client (rawGetDecode); 2: raw on the extension's client
     * (rawGetDecodeAppClient); 3: arm 2 again, the A/A control whose ratio to arm 2 shows the noise floor; 4: arm 2
     * after about 1 µs of busy CPU work (about what the interceptor adds per hit), to see what so little extra work
     * does to the latency of a synchronous Redisson call on this machine.
     */
    private static final int ARMS = 5;
    private static final long DELAY_NANOS = 1_000;

    private final InterleavedArms arms = new InterleavedArms(ARMS, CAPACITY);
    private boolean recording;
    private int next;
    private long delayTokens;
    private double delayNanos;

    /** How many {@link Blackhole#consumeCPU} tokens make {@link #DELAY_NANOS}. */
    @Setup(Level.Trial)
    public void calibrate() {
        for (int i = 0; i < 50_000; i++) {
            Blackhole.consumeCPU(256);
        }
        int rounds = 100_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            Blackhole.consumeCPU(256);
        }
        double perToken = (System.nanoTime() - t0) / (double) rounds / 256;
        delayTokens = Math.max(1, Math.round(DELAY_NANOS / perToken));
        long t1 = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            Blackhole.consumeCPU(delayTokens);
        }
        delayNanos = (System.nanoTime() - t1) / 10_000.0;
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        recording = params.getType() == IterationType.MEASUREMENT;
    }

    /**
     * One call of each arm, in a random order. A fixed rotation is not enough: a call that directly follows another
     * call on the same Redisson client is slow (over 1 ms) more often than one that follows a call on the other client,
     * so with a fixed cyclic order the arms' tails differed by their position, not by their code.
     */
    @Benchmark
    public void allArms(HitFixture f, Blackhole bh) {
        int i = next;
        next = (i + 1) & (HitFixture.KEYS - 1);
        int[] order = arms.shuffledOrder();
        long[] took = new long[ARMS];
        for (int k = 0; k < ARMS; k++) {
            int arm = order[k];
            long t0 = System.nanoTime();
            bh.consume(call(arm, f, i));
            took[arm] = System.nanoTime() - t0;
        }
        if (recording) {
            arms.record(took);
        }
    }

    private Product call(int arm, HitFixture f, int i) {
        switch (arm) {
            case 0:
                return f.service.remote(f.ids[i]);
            case 1:
                return f.jsonb.fromJson(f.raw.<String>getBucket(f.remoteKeys[i], StringCodec.INSTANCE).get(), Product.class);
            case 4:
                Blackhole.consumeCPU(delayTokens);
                return f.jsonb.fromJson(f.appClient.<String>getBucket(f.remoteKeys[i], StringCodec.INSTANCE).get(), Product.class);
            default: // 2 and 3
                return f.jsonb.fromJson(f.appClient.<String>getBucket(f.remoteKeys[i], StringCodec.INSTANCE).get(), Product.class);
        }
    }

    @TearDown(Level.Trial)
    public void report() {
        double[][] stats = new double[ARMS][];
        for (int arm = 0; arm < ARMS; arm++) {
            stats[arm] = arms.statistics(arm);
        }
        String[] labels = InterleavedArms.STATISTICS;
        int samples = arms.samples();
        StringBuilder out = new StringBuilder("\n");
        out.append(String.format(Locale.ROOT, "[paired] %d rounds of one call per arm (random order), times in us;"
                + " raw+cpu = raw-app after %.2f us of busy CPU%n", samples, delayNanos / 1000));
        out.append(String.format(Locale.ROOT, "[paired] %-6s %11s %11s %11s %11s %11s | %13s %13s %13s %13s%n", "",
                "interceptor", "raw-sep", "raw-app", "raw-app(2)", "raw+cpu",
                "intercept/app", "intercept/sep", "A/A app2/app", "raw+cpu/app"));
        for (int s = 0; s < labels.length; s++) {
            out.append(String.format(Locale.ROOT, "[paired] %-6s %11.2f %11.2f %11.2f %11.2f %11.2f | %13.3f %13.3f %13.3f %13.3f%n",
                    labels[s], stats[0][s], stats[1][s], stats[2][s], stats[3][s], stats[4][s],
                    stats[0][s] / stats[2][s], stats[0][s] / stats[1][s], stats[3][s] / stats[2][s], stats[4][s] / stats[2][s]));
        }
        for (long limitUs : new long[] {250, 1000}) {
            long[] slow = new long[ARMS];
            for (int arm = 0; arm < ARMS; arm++) {
                slow[arm] = Arrays.stream(arms.times(arm)).filter(t -> t > limitUs * 1000).count();
            }
            out.append(String.format(Locale.ROOT, "[paired] >%-5s %11d %11d %11d %11d %11d%n", limitUs + "us",
                    slow[0], slow[1], slow[2], slow[3], slow[4]));
        }
        System.out.print(out);
    }


}
