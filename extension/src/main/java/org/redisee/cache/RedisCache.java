package org.redisee.cache;

import jakarta.json.bind.JsonbException;
import org.redisee.client.ManagedRedisClient;
import org.redisee.client.RedisCircuit;
import org.redisee.client.RedisKeys;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One named cache in Redis: JSON values under {@code <prefix>:cache:<name>:{<id>}} with the cache's TTL, an optional
 * near cache, cluster-wide lock-on-miss, and fail-open through the client's circuit. Plain Java: the CDI interceptors
 * only build keys and call {@link #get}, {@link #put}, {@link #evict} and {@link #evictAll}.
 *
 * <p>Nodes tell each other about changes through {@link CacheEvent}s on {@code <prefix>:cache:<name>:events}.
 */
public final class RedisCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisCache.class.getName());

    /**
     * Stores the value (unless ARGV[1] is empty), releases the lock if this caller still holds it, and wakes the
     * waiters with the value, or with ARGV[6] when nothing is stored ({@code null} for an uncached null result,
     * empty after a failure): one round trip.
     */
    private static final String STORE_AND_UNLOCK =
            "if ARGV[1] ~= '' then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end "
                    + "if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end "
                    + "local payload = ARGV[1] if payload == '' then payload = ARGV[6] end "
                    + "if #payload > " + CacheEvent.MAX_PAYLOAD + " then payload = '' end "
                    + "redis.call('PUBLISH', ARGV[4], ARGV[5] .. payload) return 1";

    /**
     * On a miss: returns {@code V<value>} if the value arrived meanwhile, else takes the lock ({@code L}) or reports it
     * held by another caller ({@code W}). Checking and locking in one step closes the gap in which a caller that missed
     * just before the value was stored would take the released lock and compute again.
     */
    private static final String VALUE_OR_LOCK =
            "local v = redis.call('GET', KEYS[1]) "
                    + "if v then if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end return 'V' .. v end "
                    + "if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'L' end "
                    + "return 'W'";

    /** For near-cached caches: write the entry and tell the other nodes in one round trip. */
    private static final String SET_AND_INVALIDATE =
            "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) redis.call('PUBLISH', ARGV[3], ARGV[4]) return 1";
    private static final String DELETE_AND_INVALIDATE =
            "redis.call('DEL', KEYS[1]) redis.call('PUBLISH', ARGV[1], ARGV[2]) return 1";

    /** The "loaded" payload for a null result that is not stored. */
    private static final String UNCACHED_NULL = "null";

    private final CacheSettings settings;
    private final ManagedRedisClient client;
    private final String keyPrefix;
    private final String channel;
    private final String origin = UUID.randomUUID().toString();
    private final CacheJson json = new CacheJson();
    private final Optional<NearCache> near;
    private final Map<String, CompletableFuture<String>> waiters = new ConcurrentHashMap<>();
    private final RTopic events;
    private final AtomicBoolean subscribing = new AtomicBoolean();
    private volatile boolean subscribed;
    /** The subscription in progress or done; misses wait briefly for it (see {@link #awaitSubscribed}). */
    private volatile CompletableFuture<?> subscription;
    private volatile Integer messageListener;
    private volatile Integer statusListener;
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
        subscribe();
    }

    /**
     * Subscribes to the cache's channel without waiting, so a cache first used while Redis is down still answers
     * (fail-open); {@link #get} tries again once Redis is back. Until subscribed, this node uses neither its near
     * cache nor lock-on-miss, since it would miss invalidations and wake-ups.
     */
    private void subscribe() {
        if (subscribed || client.circuit().isOpen() || !subscribing.compareAndSet(false, true)) {
            return;
        }
        try {
            subscription = events.addListenerAsync(new StatusListener() {
                @Override
                public void onSubscribe(String channel) {
                    near.ifPresent(NearCache::clear); // (re)subscribed: invalidations may have been missed meanwhile
                }

                @Override
                public void onUnsubscribe(String channel) {
                    near.ifPresent(NearCache::clear);
                }
            }).thenCompose(statusId -> {
                statusListener = statusId;
                return events.addListenerAsync(String.class, (ch, message) -> onEvent(message));
            }).whenComplete((messageId, failure) -> {
                if (failure == null) {
                    messageListener = messageId;
                    subscribed = true;
                } else {
                    LOG.fine(() -> "Cache " + settings.name() + ": cannot subscribe to " + channel + " yet: " + failure);
                }
                subscribing.set(false);
            }).toCompletableFuture();
        } catch (RuntimeException e) {
            // With lazy initialization, Redisson may refuse at once while Redis is down.
            subscribing.set(false);
        }
    }

    /**
     * Whether lock-on-miss can be used: subscribed, after waiting briefly for a subscription still in progress. The
     * first misses after the cache is created would otherwise all compute (measured across two JVMs: 4 runs of the
     * body instead of 1 in the first stampede).
     */
    private boolean awaitSubscribed() {
        CompletableFuture<?> pending = subscription;
        if (!subscribed && pending != null) {
            try {
                pending.get(Math.min(settings.lockTimeout().toMillis(), 1000), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // not subscribed (yet): this call computes without the lock
            }
        }
        return subscribed;
    }

    public String name() {
        return settings.name();
    }

    public CacheSettings settings() {
        return settings;
    }

    /**
     * The Redis key of an entry. The hash tag keeps an entry and its lock in one cluster slot. An id longer than 128
     * characters, or with braces or control characters, is replaced by its SHA-256 ({@link #entryId}).
     */
    public String redisKey(String id) {
        return keyPrefix + "{" + entryId(id) + "}";
    }

    /**
     * The id an entry is known by, in Redis, in the near cache and in events: the key itself, or {@code sha256:<hex>}
     * of it when it is long or holds characters that matter to Redis Cluster's hash tags. Ids come from method
     * parameters, which callers choose: a 1 MB parameter must not make a 1 MB key (three times: entry, lock, event).
     * Idempotent, so applying it twice is harmless.
     */
    static String entryId(String id) {
        return RedisKeys.hashTagSafe(id);
    }

    private String lockKey(String id) {
        return redisKey(id) + ":lock";
    }

    /**
     * The cached value for {@code id}, or the loader's result, stored for the next caller. Exceptions from the loader
     * reach the caller unchanged and are never cached.
     */
    public Object get(String key, Type type, Loader<?> loader) throws Exception {
        String id = entryId(key);
        if (unavailable()) {
            return loadFailingOpen(loader);
        }
        subscribe();
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
        if (!settings.lockOnMiss() || !awaitSubscribed()) {
            Object value = timedLoad(loader);
            put(id, value, type);
            return value;
        }
        return loadOnce(id, type, loader);
    }

    /**
     * The cached value for {@code id}, without loading one: for callers that run the method themselves, such as
     * Payara's JSR-107 interceptors through {@link org.redisee.cache.jsr107.RedisCacheResolverFactory}. Null on a
     * miss, for a cached null, and, when the cache fails open, while Redis is unavailable.
     */
    public Object find(String key, Type type) throws Exception {
        String id = entryId(key);
        if (unavailable()) {
            return loadFailingOpen(() -> null);
        }
        subscribe();
        try {
            Optional<Object> cached = lookup(id, type);
            if (cached.isEmpty()) {
                meters.misses.increment();
            }
            return cached.map(RedisCache::unwrapNull).orElse(null);
        } catch (RuntimeException e) {
            return redisFailed(e, () -> null);
        }
    }

    /**
     * Like {@link #get}, for methods that return a {@code CompletionStage}: the completed value is cached. Concurrent
     * misses are not coalesced here; each runs the method.
     */
    public CompletionStage<?> getAsync(String key, Type type, Loader<CompletionStage<?>> loader) throws Exception {
        String id = entryId(key);
        if (unavailable()) {
            return (CompletionStage<?>) loadFailingOpen(loader);
        }
        subscribe();
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
        if (near.isPresent() && subscribed) {
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
        return decode(id, raw, type);
    }

    /** Decodes a stored value and keeps it in the near cache; an entry that does not decode is dropped. */
    private Optional<Object> decode(String id, String raw, Type type) {
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
        keepNear(id, value);
        return Optional.of(value == null ? NearCache.NULL : value);
    }

    /**
     * Lock-on-miss: one caller in the cluster computes; the others wait to be woken by its "loaded" event. Waiters
     * also re-check every tenth of the lock timeout, so a lost event or a caller that died while computing costs a
     * short delay rather than the whole timeout: the lock expires and a waiter takes it over.
     */
    private Object loadOnce(String id, Type type, Loader<?> loader) throws Exception {
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + settings.lockTimeout().toNanos();
        long recheckNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(20), settings.lockTimeout().toNanos() / 10);
        CompletableFuture<String> loaded = null;
        try {
            while (System.nanoTime() < deadline) {
                String outcome;
                try {
                    outcome = valueOrLock(id, token);
                } catch (RuntimeException e) {
                    return redisFailed(e, loader);
                }
                if (outcome.startsWith("V")) {
                    Optional<Object> arrived = decode(id, outcome.substring(1), type);
                    if (arrived.isPresent()) {
                        return unwrapNull(arrived.get());
                    }
                    break; // an unreadable entry was dropped; compute without the lock
                }
                if (outcome.equals("L")) {
                    return loadAndStore(id, type, loader, token);
                }
                if (loaded == null) {
                    // Register before waiting, then check once more: the value may have been stored meanwhile.
                    loaded = waiters.computeIfAbsent(id, k -> new CompletableFuture<>());
                    continue;
                }
                try {
                    long wait = Math.min(recheckNanos, deadline - System.nanoTime());
                    String carried = loaded.get(Math.max(wait, 0), TimeUnit.NANOSECONDS);
                    if (carried.equals(UNCACHED_NULL) && !settings.cacheNull()) {
                        return null; // the method returned null, which this cache does not store
                    }
                    // The "loaded" event carries the value (up to 64 KB), which saves every waiter a GET.
                    Optional<Object> cached = carried.isEmpty() ? lookup(id, type) : decode(id, carried, type);
                    if (cached.isPresent()) {
                        return unwrapNull(cached.get());
                    }
                    waiters.remove(id, loaded); // woken without a value: the computation failed; try for the lock
                    loaded = null;
                } catch (TimeoutException e) {
                    // no event yet: check the value and the lock again
                } catch (ExecutionException e) {
                    break; // never completed exceptionally by this class
                } catch (RuntimeException e) {
                    return redisFailed(e, loader);
                }
            }
        } finally {
            if (loaded != null) {
                waiters.remove(id, loaded);
            }
        }
        LOG.fine(() -> "Cache " + settings.name() + ": waited " + settings.lockTimeout() + " for " + id + "; computing here");
        Object value = timedLoad(loader);
        put(id, value, type);
        return value;
    }

    private String valueOrLock(String id, String token) {
        return client.redisson().getScript(StringCodec.INSTANCE).eval(redisKey(id), RScript.Mode.READ_WRITE,
                VALUE_OR_LOCK, RScript.ReturnType.VALUE, List.of(redisKey(id), lockKey(id)),
                token, String.valueOf(settings.lockTimeout().toMillis()),
                String.valueOf(settings.maxIdle().map(Duration::toMillis).orElse(0L)));
    }

    private Object loadAndStore(String id, Type type, Loader<?> loader, String token) throws Exception {
        Object value;
        try {
            value = timedLoad(loader);
        } catch (Exception | Error e) {
            storeAndUnlock(id, null, type, token, true); // wake the waiters: one of them takes the lock and tries again
            throw e;
        }
        storeAndUnlock(id, value, type, token, false);
        return value;
    }

    private void storeAndUnlock(String id, Object value, Type type, String token, boolean failed) {
        boolean store = value != null || settings.cacheNull();
        try {
            client.redisson().getScript(StringCodec.INSTANCE).eval(redisKey(id), RScript.Mode.READ_WRITE,
                    STORE_AND_UNLOCK, RScript.ReturnType.LONG,
                    List.of(redisKey(id), lockKey(id)),
                    store ? json.write(value, type) : "", String.valueOf(settings.ttl().toMillis()), token, channel,
                    new CacheEvent(CacheEvent.LOADED, origin, id, "").encode(), failed ? "" : UNCACHED_NULL);
            if (store) {
                meters.puts.increment();
                keepNear(id, value);
            }
        } catch (RuntimeException e) {
            recordRedisFailure(e);
        }
    }

    /** Stores a value, replacing what is cached, and drops other nodes' near-cache copies. */
    public void put(String key, Object value, Type type) {
        String id = entryId(key);
        if (value == null && !settings.cacheNull()) {
            evict(id);
            return;
        }
        if (unavailable()) {
            return;
        }
        try {
            String encoded = json.write(value, type);
            if (near.isPresent()) {
                writeAndInvalidate(id, SET_AND_INVALIDATE, encoded, String.valueOf(settings.ttl().toMillis()));
            } else {
                client.redisson().<String>getBucket(redisKey(id), StringCodec.INSTANCE).set(encoded, settings.ttl());
            }
            meters.puts.increment();
            keepNear(id, value);
        } catch (RuntimeException e) {
            recordRedisFailure(e);
        }
    }

    /** Removes an entry here, in Redis, and in other nodes' near caches. */
    public void evict(String key) {
        String id = entryId(key);
        near.ifPresent(n -> n.remove(id));
        if (unavailable()) {
            return;
        }
        try {
            if (near.isPresent()) {
                writeAndInvalidate(id, DELETE_AND_INVALIDATE);
            } else {
                client.redisson().getBucket(redisKey(id)).delete();
            }
            meters.evictions.increment();
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
            invalidateOtherNodes(new CacheEvent(CacheEvent.CLEARED, origin, "", ""));
        } catch (RuntimeException e) {
            recordRedisFailure(e);
        }
    }

    /** A write to an entry of a near-cached cache and the invalidation for other nodes, in one round trip. */
    private void writeAndInvalidate(String id, String script, String... values) {
        List<Object> arguments = new java.util.ArrayList<>(List.of((Object[]) values));
        arguments.add(channel);
        arguments.add(new CacheEvent(CacheEvent.CHANGED, origin, id, "").encode());
        client.redisson().getScript(StringCodec.INSTANCE).eval(redisKey(id), RScript.Mode.READ_WRITE, script,
                RScript.ReturnType.LONG, List.of(redisKey(id)), arguments.toArray());
    }

    /** Only near caches need invalidations; without one, a write costs no extra round trip. */
    private void invalidateOtherNodes(CacheEvent event) {
        if (near.isPresent()) {
            events.publish(event.encode());
        }
    }

    private void onEvent(String message) {
        Optional<CacheEvent> event = CacheEvent.decode(message);
        if (event.isEmpty()) {
            LOG.warning("Cache " + settings.name() + ": ignoring a malformed event on " + channel);
            return;
        }
        CacheEvent e = event.get();
        boolean fromHere = origin.equals(e.origin());
        switch (e.type()) {
            case CacheEvent.LOADED:
                wake(e.id(), e.payload());
                break;
            case CacheEvent.CHANGED:
                wake(e.id(), "");
                if (!fromHere) {
                    near.ifPresent(n -> n.remove(e.id()));
                }
                break;
            case CacheEvent.CLEARED:
                if (!fromHere) {
                    near.ifPresent(NearCache::clear);
                }
                break;
            default:
                LOG.warning("Cache " + settings.name() + ": ignoring an event of unknown type on " + channel);
        }
    }

    private void wake(String id, String carriedValue) {
        CompletableFuture<String> waiter = waiters.remove(id);
        if (waiter != null) {
            waiter.complete(carriedValue);
        }
    }

    /** Keeps a copy on this node, only while subscribed: otherwise nothing would invalidate it. */
    private void keepNear(String id, Object value) {
        if (subscribed) {
            near.ifPresent(n -> n.put(id, value));
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
                + (settings.failOpen() ? "running methods uncached" : "failing calls") + ": " + RedisCircuit.describe(failure));
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
            for (Integer listener : new Integer[]{messageListener, statusListener}) {
                if (listener != null) {
                    events.removeListener(listener);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cache " + settings.name() + ": could not unsubscribe", e);
        }
        waiters.values().forEach(w -> w.complete(""));
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
