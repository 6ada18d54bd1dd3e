package org.redisee.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.redisee.cache.CacheKeyParam;
import org.redisee.cache.CacheUpdate;
import org.redisee.cache.Cached;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** The bean both JVMs of {@link TwoJvmCache} run: a slow computation, and a near-cached value with its update. */
@ApplicationScoped
public class TwoNodeService {

    static final long COMPUTATION_MILLIS = 200;

    @Inject
    RedissonClient redis;

    /**
     * Takes {@value #COMPUTATION_MILLIS} ms; counts its runs in Redis, across both JVMs, and notes when it finished
     * ({@code System.nanoTime()}, which both JVMs on one Linux machine read from the same monotonic clock).
     */
    @Cached(cache = "two-jvm-stampede")
    public String compute(String key) throws InterruptedException {
        Thread.sleep(COMPUTATION_MILLIS);
        redis.getAtomicLong("bench:two-jvm:runs:" + key).incrementAndGet();
        redis.<String>getBucket("bench:two-jvm:finished:" + key, StringCodec.INSTANCE).set(Long.toString(System.nanoTime()));
        return "value of " + key;
    }

    @Cached(cache = "two-jvm-near")
    public String read(String key) {
        return "initial";
    }

    @CacheUpdate(cache = "two-jvm-near")
    public String write(@CacheKeyParam String key, String value) {
        return value;
    }
}
