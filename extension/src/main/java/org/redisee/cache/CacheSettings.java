package org.redisee.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * One cache's settings, from {@code redisee.cache.<name>.*}.
 *
 * @param ttl          expiry of every entry written to Redis
 * @param maxIdle      when set, a hit pushes the entry's expiry this far out again (GETEX)
 * @param nearCache    local copies on each node, invalidated through Redis pub/sub; empty when off
 * @param lockOnMiss   concurrent misses of one key, on all nodes, wait for one computation
 * @param lockTimeout  how long waiters wait for it before computing themselves; also the lock's own expiry
 * @param failOpen     while Redis is unreachable, run the method instead of failing
 * @param client       the Redis client the cache uses
 * @param cacheNull    whether a {@code null} result is stored
 */
public record CacheSettings(String name, Duration ttl, Optional<Duration> maxIdle, Optional<NearCacheSettings> nearCache,
                            boolean lockOnMiss, Duration lockTimeout, boolean failOpen, String client,
                            boolean cacheNull) {

    /** @param maxSize entries kept per node; least recently used go first */
    public record NearCacheSettings(int maxSize, Duration ttl) {
    }
}
