package org.redisee.cache;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node-local copy of a cache's entries, each kept for at most the near-cache TTL and bounded in size: past the
 * limit, the least recently read tenth is dropped in one sweep (an approximate LRU, so reads never take a lock).
 * Entries hold the decoded value, so callers must treat cached values as immutable. Invalidations from other nodes
 * arrive through the cache's pub/sub channel; when that channel or Redis is lost the whole near cache is cleared,
 * since invalidations may have been missed.
 */
final class NearCache {

    /** Marks a cached {@code null} (when null results are cached), as opposed to an absent entry. */
    static final Object NULL = new Object();

    /** Reads closer together than this do not rewrite the access time, which keeps hot entries' cache lines quiet. */
    private static final long ACCESS_GRANULARITY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxSize;
    private final long ttlNanos;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    NearCache(CacheSettings.NearCacheSettings settings) {
        this.maxSize = settings.maxSize();
        this.ttlNanos = settings.ttl().toNanos();
    }

    private static final class Entry {
        final Object value;
        final long expiresAtNanos;
        volatile long readAtNanos;

        Entry(Object value, long now, long ttlNanos) {
            this.value = value;
            this.expiresAtNanos = now + ttlNanos;
            this.readAtNanos = now;
        }
    }

    /** The value, {@link #NULL} for a cached null, or Java {@code null} when absent or expired. */
    Object get(String id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return null;
        }
        long now = System.nanoTime();
        if (now - entry.expiresAtNanos > 0) {
            entries.remove(id, entry);
            return null;
        }
        if (now - entry.readAtNanos > ACCESS_GRANULARITY_NANOS) {
            entry.readAtNanos = now;
        }
        return entry.value;
    }

    void put(String id, Object value) {
        entries.put(id, new Entry(value == null ? NULL : value, System.nanoTime(), ttlNanos));
        if (entries.size() > maxSize) {
            sweep();
        }
    }

    /** Drops the least recently read entries down to 90% of the limit; one thread sweeps at a time. */
    private void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            int excess = entries.size() - maxSize + maxSize / 10;
            if (excess > 0) {
                entries.entrySet().stream()
                        .sorted(Comparator.comparingLong(e -> e.getValue().readAtNanos))
                        .limit(excess)
                        .forEach(e -> entries.remove(e.getKey(), e.getValue()));
            }
        } finally {
            sweeping.set(false);
        }
    }

    void remove(String id) {
        entries.remove(id);
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
