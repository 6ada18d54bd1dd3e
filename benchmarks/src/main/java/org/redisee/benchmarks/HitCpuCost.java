package org.redisee.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * CPU time per remote hit rather than wall time: CPU time does not include waiting for Redis or for a core, so it
 * shows what the interceptor path itself costs even on a busy machine. Each invocation is a block of {@link #BLOCK}
 * calls of one arm (interceptor, raw on the extension's client, and that raw arm again as an A/A control), the arms
 * taking turns. Measured per block: CPU of the calling thread, and CPU of the whole JVM (Netty threads, JIT and GC
 * included). Printed after the run as {@code [cpu]} lines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class HitCpuCost {

    static final int BLOCK = 200;
    private static final int ARMS = 3;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long[] threadCpu = new long[ARMS];
    private final long[] processCpu = new long[ARMS];
    private final long[] calls = new long[ARMS];
    private boolean recording;
    private int turn;

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        recording = params.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public void block(HitFixture f, Blackhole bh) {
        int arm = turn;
        turn = (turn + 1) % ARMS;
        long thread0 = threads.getCurrentThreadCpuTime();
        long process0 = os.getProcessCpuTime();
        for (int i = 0; i < BLOCK; i++) {
            int key = i & (HitFixture.KEYS - 1);
            bh.consume(arm == 0 ? f.service.remote(f.ids[key])
                    : f.jsonb.fromJson(f.appClient.<String>getBucket(f.remoteKeys[key], StringCodec.INSTANCE).get(), Product.class));
        }
        long thread1 = threads.getCurrentThreadCpuTime();
        long process1 = os.getProcessCpuTime();
        if (recording) {
            threadCpu[arm] += thread1 - thread0;
            processCpu[arm] += process1 - process0;
            calls[arm] += BLOCK;
        }
    }

    @TearDown(Level.Trial)
    public void report() {
        double[] t = new double[ARMS];
        double[] p = new double[ARMS];
        for (int arm = 0; arm < ARMS; arm++) {
            t[arm] = threadCpu[arm] / 1000.0 / Math.max(1, calls[arm]);
            p[arm] = processCpu[arm] / 1000.0 / Math.max(1, calls[arm]);
        }
        StringBuilder out = new StringBuilder("\n");
        out.append(String.format(Locale.ROOT, "[cpu] %d hits per arm; CPU us per hit: %12s %12s %12s | %14s %14s%n", calls[0],
                "interceptor", "raw-app", "raw-app(2)", "intercept-app", "A/A app2-app"));
        out.append(String.format(Locale.ROOT, "[cpu] calling thread                        %12.2f %12.2f %12.2f | %14.2f %14.2f%n",
                t[0], t[1], t[2], t[0] - t[1], t[2] - t[1]));
        out.append(String.format(Locale.ROOT, "[cpu] whole JVM                             %12.2f %12.2f %12.2f | %14.2f %14.2f%n",
                p[0], p[1], p[2], p[0] - p[1], p[2] - p[1]));
        System.out.print(out);
    }
}
