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
import org.redisee.cache.CacheJsonProbe;

import java.lang.reflect.Type;
import java.util.concurrent.TimeUnit;

/**
 * What the JSON-B decode of the cached entry costs on its own (both hit paths pay it once): a plain {@code Jsonb},
 * and the extension's own wrapper (CacheJson, reached through {@link CacheJsonProbe}), which the hit path uses.
 * No Redis involved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JsonDecode {

    private static final Type PRODUCT = Product.class;

    private Jsonb jsonb;
    private CacheJsonProbe cacheJson;
    private String json;

    @Setup(Level.Trial)
    public void setUp() {
        jsonb = JsonbBuilder.create();
        cacheJson = new CacheJsonProbe();
        json = jsonb.toJson(Product.of("p-0"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        jsonb.close();
        cacheJson.close();
    }

    @Benchmark
    public Product decodeOnly() {
        return jsonb.fromJson(json, Product.class);
    }

    @Benchmark
    public Object decodeCacheJson() {
        return cacheJson.read(json, PRODUCT);
    }
}
