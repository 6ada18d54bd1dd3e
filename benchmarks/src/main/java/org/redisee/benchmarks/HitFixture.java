package org.redisee.benchmarks;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisee.cache.RedisCaches;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One Redis, one RedisEE "deployment" and one raw Redisson client per fork. {@link #KEYS} entries are loaded into the
 * {@code remote} and {@code near} caches before measuring, so every measured call is a hit; the tear-down checks that
 * no measured call ran the method.
 */
@State(Scope.Benchmark)
public class HitFixture {

    static final int KEYS = 64;

    RedisStandalone redis;
    BenchApp app;
    CatalogService service;
    /** The baseline: a separate Redisson client configured like the extension's. */
    RedissonClient raw;
    /** The extension's own Redisson client ({@code @Inject RedissonClient}), to rule out client differences. */
    RedissonClient appClient;
    Jsonb jsonb;
    final String[] ids = new String[KEYS];
    /** The Redis keys that the {@code remote} cache uses for {@link #ids}: the raw benchmarks read the same entries. */
    final String[] remoteKeys = new String[KEYS];
    /** The JSON stored for {@code ids[0]}, for the decode-only benchmark. */
    String json;
    private long loadsAfterSetup;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        try {
            start();
        } catch (RuntimeException | Error e) {
            close(); // or the fork's Redisson threads keep it alive after the failure
            throw e;
        }
    }

    private void start() {
        redis = RedisServers.standalone();
        app = BenchApp.start(redis.url());
        service = app.select(CatalogService.class);
        appClient = app.select(RedissonClient.class);
        raw = RawRedisson.create(redis.url());
        jsonb = JsonbBuilder.create();
        RedisCaches caches = app.select(RedisCaches.class);
        for (int i = 0; i < KEYS; i++) {
            ids[i] = "p-" + i;
            remoteKeys[i] = caches.cache("remote").redisKey(ids[i]);
            service.remote(ids[i]); // misses: store the entries
            service.near(ids[i]);
        }
        json = raw.<String>getBucket(remoteKeys[0], StringCodec.INSTANCE).get();
        if (json == null || !jsonb.fromJson(json, Product.class).equals(Product.of(ids[0]))) {
            throw new IllegalStateException("the raw client does not read what the cache stored: " + json);
        }
        loadsAfterSetup = service.loads();
        System.out.println("\n[fixture] " + KEYS + " entries like " + remoteKeys[0] + " = " + json + " ("
                + json.length() + " chars), Redis " + redis.url());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        long extraLoads = service.loads() - loadsAfterSetup;
        close();
        if (extraLoads != 0) {
            throw new IllegalStateException(extraLoads + " measured calls were misses, not hits");
        }
    }

    private void close() throws Exception {
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

    /** A cursor over the keys, per benchmark thread. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        int next() {
            int i = next;
            next = (i + 1) & (KEYS - 1);
            return i;
        }
    }
}
