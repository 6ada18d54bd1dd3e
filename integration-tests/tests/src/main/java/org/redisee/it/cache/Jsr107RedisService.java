package org.redisee.it.cache;

import jakarta.enterprise.context.ApplicationScoped;
import org.redisee.cache.jsr107.RedisCacheResolverFactory;

import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;

/**
 * JSR-107's annotations with RedisEE's resolver factory: Payara's own interceptors then use RedisEE's Redis caches;
 * on WildFly, RedisEE's interceptors do, and the attribute changes nothing.
 */
@ApplicationScoped
@CacheDefaults(cacheName = "it-jsr107-redis", cacheResolverFactory = RedisCacheResolverFactory.class)
public class Jsr107RedisService {

    @CacheResult
    public String value(String key) {
        return BodyRuns.ran("jsr107-redis", key);
    }

    @CacheRemove
    public void evict(String key) {
    }
}
