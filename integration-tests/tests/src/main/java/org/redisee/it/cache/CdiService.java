package org.redisee.it.cache;

import jakarta.enterprise.context.ApplicationScoped;
import org.redisee.cache.CacheEvict;
import org.redisee.cache.Cached;

@ApplicationScoped
public class CdiService {

    @Cached(cache = "it-cdi")
    public String value(String key) {
        return BodyRuns.ran("cdi", key);
    }

    @CacheEvict(cache = "it-cdi")
    public void evict(String key) {
    }
}
