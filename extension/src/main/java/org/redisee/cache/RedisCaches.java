package org.redisee.cache;

import org.redisee.client.RedisClients;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The application's caches by name, created on first use. Injectable ({@code @Inject RedisCaches}) for programmatic
 * access: {@code caches.cache("profiles").evictAll()}.
 */
public final class RedisCaches implements AutoCloseable {

    private final Map<String, CacheSettings> validated;
    private final Function<String, CacheSettings> readSettings;
    private final RedisClients clients;
    private final String keyPrefix;
    private final Map<String, RedisCache> caches = new ConcurrentHashMap<>();

    /**
     * @param validated    settings of the caches known at deployment (annotated methods and configured names)
     * @param readSettings reads the settings of a cache first named at run time; throws on bad configuration
     */
    public RedisCaches(Map<String, CacheSettings> validated, Function<String, CacheSettings> readSettings,
                       RedisClients clients, String keyPrefix) {
        this.validated = Map.copyOf(validated);
        this.readSettings = readSettings;
        this.clients = clients;
        this.keyPrefix = keyPrefix;
    }

    public RedisCache cache(String name) {
        return caches.computeIfAbsent(name, n -> {
            CacheSettings settings = validated.containsKey(n) ? validated.get(n) : readSettings.apply(n);
            return new RedisCache(settings, clients.client(settings.client()), keyPrefix, clients.metrics());
        });
    }

    @Override
    public void close() {
        caches.values().forEach(RedisCache::close);
        caches.clear();
    }
}
