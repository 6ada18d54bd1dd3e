package org.redisee.cache;

import jakarta.json.bind.JsonbException;
import org.redisee.client.ManagedRedisClient;
import org.redisee.metrics.RedisMetrics;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One named cache in Redis: JSON values under {@code <prefix>:cache:<name>:{<id>}} with the cache's TTL, an optional
 * near cache, cluster-wide lock-on-miss, and fail-open through the client's circuit. Plain Java: the CDI interceptors
 * only build keys and call {@link #get}, {@link #put}, {@link #evict} and {@link #evictAll}.
 *
 * <p>Events on the channel {@code <prefix>:cache:<name>:events}, as {@code <type>|<origin>|<id>}: {@code L} a value
 * was loaded (wakes waiters), {@code I} an entry changed or was removed (drops near-cache copies), {@code A} all
 * entries were removed. A node ignores the invalidations it sent itself.
 */
public final class RedisCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisCache.class.getName());

    /** Stores the value, releases the lock if this caller still holds it, and wakes the waiters: one round trip. */
    private static final String STORE_AND_UNLOCK =
            "if ARGV[1] ~= '' then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end "
                    + "if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end "
                    + "redis.call('PUBLISH', ARGV[4], ARGV[5]) return 1";

    private final CacheSettings settings;
    private final ManagedRedisClient client;
    private final String keyPrefix;
    private final String channel;
    private final String origin = UUID.randomUUID().toString();
    private final CacheJson json = new CacheJson();
    private final Optional<NearCache> near;
    private final Map<String, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
    private final RTopic events;
    private final int messageListener;
    private final int statusListener;
    private final Meters meters;

    /** The work a cache miss runs: the intercepted method. */
    @FunctionalInterface
    public interface Loader<T> {
        T load() throws Exception;
    }

    RedisCache(CacheSettings settings, ManagedRedisClient client, String prefix, RedisMetrics metrics) {
        this.settings = settings;
        this.client = client;
        this.keyPrefix = prefix + ":cache:" + settings.name() + ":";
        this.channel = keyPrefix + "events";
        this.near = settings.nearCache().map(NearCache::new);
        this.meters = new Meters(metrics, settings.name());
        this.events = client.redisson().getTopic(channel, StringCodec.INSTANCE);
        this.messageListener = events.addListener(String.class, (ch, message) -> onEvent(message));
        this.statusListener = events.addListener(new StatusListener() {
            @Override
            public void onSubscribe(String channel) {
                near.ifPresent(NearCache::clear); // (re)subscribed: invalidations may have been missed meanwhile
            }

            @Override
            public void onUnsubscribe(String channel) {
                near.ifPresent(NearCache::clear);
            }
        });
    }

    public String name() {
        return settings.name();
    }

    public CacheSettings settings() {
        return settings;
    }

    /** The Redis key of an entry. The hash tag keeps an entry and its lock in one cluster slot. */
    public String redisKey(String id) {
        return keyPrefix + "{" + id + "}";
    }

    private String lockKey(String id) {
        return redisKey(id) + ":lock";
    }

    /**
     * The cached value for {@code id}, or the loader's result, stored for the next caller. Exceptions from the loader
     * reach the caller unchanged and are never cached.
     */
    public Object get(String id, Type type, Loader<?> loader) throws Exception {
        if (unavailable()) {
            return loadFailingOpen(loader);
        }
        Optional<Object> cached;
        try {
            cached = lookup(id, type);
        } catch (RuntimeException e) {
            return redisFailed(e, loader);
        }
        if (cached.isPresent()) {
            return unwrapNull(cached.get());
        }
        meters.misses.increment();
        if (!settings.lockOnMiss()) {
            Object value = timedLoad(loader);
            put(id, value, type);
            return value;
        }
        return loadOnce(id, type, loader);
    }

    /**
     * Like {@link #get}, for methods that return a {@code CompletionStage}: the completed value is cached. Concurrent
     * misses are not coalesced here; each runs the method.
     */
    public CompletionStage<?> getAsync(String id, Type type, Loader<CompletionStage<?>> loader) throws Exception {
        if (unavailable()) {
            return (CompletionStage<?>) loadFailingOpen(loader);
        }
        Optional<Object> cached;
        try {
            cached = lookup(id, type);
        } catch (RuntimeException e) {
            return (CompletionStage<?>) redisFailed(e, loader);
        }
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(unwrapNull(cached.get()));
        }
        meters.misses.increment();
        long started = System.nanoTime();
        return loader.load().thenApply(value -> {
            meters.load.record(Duration.ofNanos(System.nanoTime() - started));
            put(id, value, type);
            return value;
        });
    }

    /** A hit from the near cache or Redis; empty on a miss. A cached null is {@link NearCache#NULL}. */
    private Optional<Object> lookup(String id, Type type) {
        if (near.isPresent()) {
            Object local = near.get().get(id);
            if (local != null) {
                meters.nearHits.increment();
                meters.hits.increment();
                return Optional.of(local);
            }
        }
        String raw = settings.maxIdle().isPresent()
                ? client.redisson().<String>getBucket(redisKey(id), StringCodec.INSTANCE).getAndExpire(settings.maxIdle().get())
                : client.redisson().<String>getBucket(redisKey(id), StringCodec.INSTANCE).get();
        if (raw == null) {
            return Optional.empty();
        }
        Object value;
        try {
            value = json.read(raw, type);
        } catch (JsonbException e) {
            // Written by another version of the method, or by hand: drop it and compute a fresh value.
            LOG.warning("Cache " + settings.name() + ": entry " + redisKey(id) + " does not read as " + type.getTypeName()
                    + " and is replaced: " + e.getMessage());
            client.redisson().getBucket(redisKey(id)).delete();
            return Optional.empty();
        }
        meters.hits.increment();
        near.ifPresent(n -> n.put(id, value));
        return Optional.of(value == null ? NearCache.NULL : value);
    }

    /** Lock-on-miss: one caller in the cluster computes; the others wait to be woken by its "loaded" event. */
    private Object loadOnce(String id, Type type, Loader<?> loader) throws Exception {
        String token = UUID.randomUUID().toString();
        boolean locked;
        try {
            locked = client.redisson().<String>getBucket(lockKey(id), StringCodec.INSTANCE)
                    .setIfAbsent(token, settings.lockTimeout());
        } catch (RuntimeException e) {
            return redisFailed(e, loader);
        }
        if (locked) {
            Object value;
            try {
                value = timedLoad(loader);
            } catch (Exception | Error e) {
                storeAndUnlock(id, null, type, token); // wake the waiters; they compute for themselves
                throw e;
            }
            storeAndUnlock(id, value, type, token);
            return value;
        }
        CompletableFuture<Void> loaded = waiters.computeIfAbsent(id, k -> new CompletableFuture<>());
        try {
            Optional<Object> cached = lookup(id, type); // it may have been stored before we subscribed
            if (cached.isEmpty()) {
                loaded.get(settings.lockTimeout().toMillis(), TimeUnit.MILLISECONDS);
                cached = lookup(id, type);
            }
            if (cached.isPresent()) {
                return unwrapNull(cached.get());
            }
        } catch (TimeoutException e) {
            LOG.fine(() -> "Cache " + settings.name() + ": waited " + settings.lockTimeout() + " for " + id + "; computing here");
        } catch (ExecutionException e) {
            // not completed exceptionally by this class; fall through and compute
        } catch (RuntimeException e) {
            return redisFailed(e, loader);
        } finally {
            waiters.remove(id, loaded);
        }
        Object value = timedLoad(loader);
        put(id, value, type);
        return value;
    }

    private void storeAndUnlock(String id, Object value, Type type, String token) {
        boolean store = value != null || settings.cacheNull();
        try {
            client.redisson().getScript(StringCodec.INSTANCE).eval(redisKey(id), RScript.Mode.READ_WRITE,
                    STORE_AND_UNLOCK, RScript.ReturnType.LONG,
                    List.of(redisKey(id), lockKey(id)),
                    store ? json.write(value, type) : "", String.valueOf(settings.ttl().toMillis()), token, channel,
                    "L|" + origin + "|" + id);
            if (store) {
                meters.puts.increment();
                near.ifPresent(n -> n.put(id, value));
            }
        } catch (RuntimeException e) {
            recordRedisFailure(e);
        }
    }

    /** Stores a value, replacing what is cached, and drops other nodes' near-cache copies. */
    public void put(String id, Object value, Type type) {
        if (value == null && !settings.cacheNull()) {
            evict(id);
            return;
        }
        if (unavailable()) {
            return;
        }
        try {
            client.redisson().<String>getBucket(redisKey(id), StringCodec.INSTANCE).set(json.write(value, type), settings.ttl());
            meters.puts.increment();
            near.ifPresent(n -> n.put(id, value));
            publish("I", id);
        } catch (RuntimeException e) {
            recordRedisFailure(e);
        }
    }

    /** Removes an entry here, in Redis, and in other nodes' near caches. */
    public void evict(String id) {
        near.ifPresent(n -> n.remove(id));
        if (unavailable()) {
            return;
        }
        try {
            client.redisson().getBucket(redisKey(id)).delete();
            meters.evictions.increment();
            publish("I", id);
        } catch (RuntimeException e) {
            recordRedisFailure(e);
        }
    }

    /** Removes every entry of this cache, on every node. */
    public void evictAll() {
        near.ifPresent(NearCache::clear);
        if (unavailable()) {
            return;
        }
        try {
            long removed = client.redisson().getKeys().deleteByPattern(globEscape(keyPrefix) + "{*}");
            for (long i = 0; i < removed; i++) {
                meters.evictions.increment();
            }
            publish("A", "");
        } catch (RuntimeException e) {
            recordRedisFailure(e);
        }
    }

    private void publish(String type, String id) {
        events.publish(type + "|" + origin + "|" + id);
    }

    private void onEvent(String message) {
        String[] parts = message.split("\\|", 3);
        if (parts.length != 3) {
            LOG.warning("Cache " + settings.name() + ": ignoring malformed event on " + channel);
            return;
        }
        String id = parts[2];
        boolean fromHere = origin.equals(parts[1]);
        switch (parts[0]) {
            case "L":
                wake(id);
                break;
            case "I":
                wake(id);
                if (!fromHere) {
                    near.ifPresent(n -> n.remove(id));
                }
                break;
            case "A":
                if (!fromHere) {
                    near.ifPresent(NearCache::clear);
                }
                break;
            default:
                LOG.warning("Cache " + settings.name() + ": ignoring unknown event type on " + channel);
        }
    }

    private void wake(String id) {
        CompletableFuture<Void> waiter = waiters.remove(id);
        if (waiter != null) {
            waiter.complete(null);
        }
    }

    private boolean unavailable() {
        if (client.circuit().isOpen()) {
            near.ifPresent(NearCache::clear); // invalidations cannot arrive while Redis is away
            return true;
        }
        return false;
    }

    private Object loadFailingOpen(Loader<?> loader) throws Exception {
        if (!settings.failOpen()) {
            throw new CacheUnavailableException(settings.name(), client.circuit().reason());
        }
        meters.failOpen.increment();
        return loader.load();
    }

    private Object redisFailed(RuntimeException failure, Loader<?> loader) throws Exception {
        recordRedisFailure(failure);
        if (!settings.failOpen()) {
            throw new CacheUnavailableException(settings.name(), failure.toString());
        }
        meters.failOpen.increment();
        return loader.load();
    }

    private void recordRedisFailure(RuntimeException failure) {
        meters.errors.increment();
        if (!client.circuit().recordFailure(failure)) {
            throw failure; // not an outage: a bug or bad data that should be seen
        }
        LOG.log(Level.WARNING, "Cache " + settings.name() + ": Redis unavailable, "
                + (settings.failOpen() ? "running methods uncached" : "failing calls") + ": " + failure);
    }

    private Object timedLoad(Loader<?> loader) throws Exception {
        long started = System.nanoTime();
        try {
            return loader.load();
        } finally {
            meters.load.record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static Object unwrapNull(Object value) {
        return value == NearCache.NULL ? null : value;
    }

    private static String globEscape(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    /** Entries currently held in this node's near cache. */
    public int nearCacheSize() {
        return near.map(NearCache::size).orElse(0);
    }

    @Override
    public void close() {
        try {
            events.removeListener(messageListener, statusListener);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cache " + settings.name() + ": could not unsubscribe", e);
        }
        waiters.values().forEach(w -> w.complete(null));
        json.close();
    }

    private static final class Meters {
        final RedisMetrics.Counter hits;
        final RedisMetrics.Counter misses;
        final RedisMetrics.Counter nearHits;
        final RedisMetrics.Counter puts;
        final RedisMetrics.Counter evictions;
        final RedisMetrics.Counter failOpen;
        final RedisMetrics.Counter errors;
        final RedisMetrics.Timer load;

        Meters(RedisMetrics metrics, String cache) {
            Map<String, String> tags = Map.of("cache", cache);
            hits = metrics.counter("redisee.cache.hits", "Cache hits, near cache included", tags);
            misses = metrics.counter("redisee.cache.misses", "Cache misses", tags);
            nearHits = metrics.counter("redisee.cache.near.hits", "Hits answered by the node's near cache", tags);
            puts = metrics.counter("redisee.cache.puts", "Values written to Redis", tags);
            evictions = metrics.counter("redisee.cache.evictions", "Entries removed", tags);
            failOpen = metrics.counter("redisee.cache.fail-open", "Calls that ran uncached because Redis was unavailable", tags);
            errors = metrics.counter("redisee.cache.errors", "Redis errors seen by the cache", tags);
            load = metrics.timer("redisee.cache.load", "Time to compute a missing value", tags);
        }
    }
}
