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
import org.redisee.jcache.JCacheSerialCodec;
import org.redisee.jcache.RedisCachingProvider;
import org.redisee.testing.RedisServers;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.Codec;
import org.redisson.config.Config;
import org.redisson.jcache.JCachingProvider;
import org.redisson.jcache.configuration.RedissonConfiguration;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import java.net.URI;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * JCache get and put through RedisEE's provider against Redisson's own provider, on the same Redisson client, the
 * same codec (RedisEE's filtered Java serialization) and the same Redis. Each operation makes one call per arm in a
 * random order and times each with {@code System.nanoTime()}: (0) get, ours; (1) get, Redisson's; (2) get, Redisson's
 * again, the A/A control; (3) put, ours; (4) put, Redisson's. Ratios are printed as {@code [jcache]} lines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class PairedJCache {

    private static final int ARMS = 5;
    private static final int KEYS = 64;
    private static final String VALUE = "x".repeat(100);

    private final InterleavedArms arms = new InterleavedArms(ARMS, 1 << 20);
    private final String[] keys = new String[KEYS];
    private CacheManager ours;
    private CacheManager redissons;
    private Cache<String, String> ourCache;
    private Cache<String, String> redissonCache;
    private boolean recording;
    private int next;

    @Setup(Level.Trial)
    public void start() {
        ClassLoader loader = PairedJCache.class.getClassLoader();
        ours = new RedisCachingProvider().getCacheManager(URI.create(RedisServers.standalone().url()), loader);
        RedissonClient client = ours.unwrap(RedissonClient.class);
        MutableConfiguration<String, String> configuration =
                new MutableConfiguration<String, String>().setTypes(String.class, String.class);
        ourCache = ours.createCache("bench-jcache-ours", configuration);
        // Redisson's cache takes its codec from the client's configuration; give it the same codec as ours. An opaque URI,
        // because Redisson's provider reads any other as the location of a YAML file.
        redissons = new JCachingProvider().getCacheManager(URI.create("bench:redisson"), loader, new Properties());
        Config config = client.getConfig();
        synchronized (config) {
            Codec previous = config.getCodec();
            config.setCodec(new JCacheSerialCodec("", loader));
            try {
                redissonCache = redissons.createCache("bench-jcache-redisson",
                        RedissonConfiguration.fromInstance(client, configuration));
            } finally {
                config.setCodec(previous);
            }
        }
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "k" + i;
            ourCache.put(keys[i], VALUE);
            redissonCache.put(keys[i], VALUE);
        }
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        recording = params.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public void allArms(Blackhole bh) {
        String key = keys[next];
        next = (next + 1) & (KEYS - 1);
        long[] took = new long[ARMS];
        for (int arm : arms.shuffledOrder()) {
            long t0 = System.nanoTime();
            bh.consume(call(arm, key));
            took[arm] = System.nanoTime() - t0;
        }
        if (recording) {
            arms.record(took);
        }
    }

    private Object call(int arm, String key) {
        switch (arm) {
            case 0: return ourCache.get(key);
            case 1:
            case 2: return redissonCache.get(key);
            case 3: ourCache.put(key, VALUE); return key;
            default: redissonCache.put(key, VALUE); return key;
        }
    }

    @TearDown(Level.Trial)
    public void report() {
        double[][] stats = new double[ARMS][];
        for (int arm = 0; arm < ARMS; arm++) {
            stats[arm] = arms.statistics(arm);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n[jcache] %d rounds of one call per arm (random order), times in us%n", arms.samples()));
        out.append(String.format(Locale.ROOT, "[jcache] %-6s %9s %9s %9s %9s %9s | %10s %10s %10s%n", "",
                "get-ours", "get-rdsn", "get-rdsn2", "put-ours", "put-rdsn", "get r/o", "A/A get", "put r/o"));
        for (int s = 0; s < InterleavedArms.STATISTICS.length; s++) {
            out.append(String.format(Locale.ROOT, "[jcache] %-6s %9.2f %9.2f %9.2f %9.2f %9.2f | %10.3f %10.3f %10.3f%n",
                    InterleavedArms.STATISTICS[s], stats[0][s], stats[1][s], stats[2][s], stats[3][s], stats[4][s],
                    stats[1][s] / stats[0][s], stats[2][s] / stats[1][s], stats[4][s] / stats[3][s]));
        }
        out.append("[jcache] r/o = Redisson's time / ours: at least 0.95 means ours runs at 0.95x Redisson's speed or better\n");
        System.out.print(out);
        ours.close();
        redissons.close();
    }
}
