package org.redisee.cache;

/** Redis is unreachable and the cache is configured with {@code fail-open=false}. */
public class CacheUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CacheUnavailableException(String cache, String reason) {
        super("Cache '" + cache + "' cannot reach Redis and redisee.cache." + cache + ".fail-open=false: " + reason);
    }
}
