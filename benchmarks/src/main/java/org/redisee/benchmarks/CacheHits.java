package org.redisee.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.client.codec.StringCodec;

import java.util.concurrent.TimeUnit;

/**
 * Cache hits, single thread. Both sides do one GET of the same ~100-character JSON entry and decode it with JSON-B:
 * <ul>
 *   <li>{@code remoteHit}: a {@code @Cached} method of an {@code @ApplicationScoped} bean, through the CDI proxy and
 *       the interceptor ({@code CacheOperations.cached} then {@code RedisCache.get}); no near cache.</li>
 *   <li>{@code rawGetDecode}: {@code RBucket<String>.get()} with StringCodec on a separate Redisson client, then
 *       {@code Jsonb.fromJson}.</li>
 *   <li>{@code rawGetDecodeAppClient}: the same on the extension's own Redisson client.</li>
 *   <li>{@code nearHit}: a {@code @Cached} method whose cache has {@code near-cache=true}.</li>
 * </ul>
 * The subclasses pick the mode: {@link CacheHitThroughput} and {@link CacheHitLatency}.
 */
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public abstract class CacheHits {

    @Benchmark
    public Product remoteHit(HitFixture f, HitFixture.Cursor c) {
        return f.service.remote(f.ids[c.next()]);
    }

    @Benchmark
    public Product rawGetDecode(HitFixture f, HitFixture.Cursor c) {
        String json = f.raw.<String>getBucket(f.remoteKeys[c.next()], StringCodec.INSTANCE).get();
        return f.jsonb.fromJson(json, Product.class);
    }

    @Benchmark
    public Product rawGetDecodeAppClient(HitFixture f, HitFixture.Cursor c) {
        String json = f.appClient.<String>getBucket(f.remoteKeys[c.next()], StringCodec.INSTANCE).get();
        return f.jsonb.fromJson(json, Product.class);
    }

    @Benchmark
    public Product nearHit(HitFixture f, HitFixture.Cursor c) {
        return f.service.near(f.ids[c.next()]);
    }
}
