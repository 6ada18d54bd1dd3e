package org.redisee.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node-local, size-bounded LRU copy of a cache's entries, each kept for at most the near-cache TTL. Entries hold the
 * decoded value, so callers must treat cached values as immutable. Invalidations from other nodes arrive through the
 * cache's pub/sub channel; when that channel or Redis is lost the whole near cache is cleared, since invalidations
 * may have been missed.
 */
final class NearCache {

    /** Marks a cached {@code null} (when null results are cached), as opposed to an absent entry. */
    static final Object NULL = new Object();

    private final Map<String, Entry> entries;
    private final long ttlNanos;

    NearCache(CacheSettings.NearCacheSettings settings) {
        this.ttlNanos = settings.ttl().toNanos();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > settings.maxSize();
            }
        };
    }

    private record Entry(Object value, long expiresAtNanos) {
    }

    /** The value, {@link #NULL} for a cached null, or Java {@code null} when absent or expired. */
    synchronized Object get(String id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.expiresAtNanos > 0) {
            entries.remove(id);
            return null;
        }
        return entry.value;
    }

    synchronized void put(String id, Object value) {
        entries.put(id, new Entry(value == null ? NULL : value, System.nanoTime() + ttlNanos));
    }

    synchronized void remove(String id) {
        entries.remove(id);
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
