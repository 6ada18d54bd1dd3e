package org.redisee.it.cache;

import jakarta.ejb.Singleton;
import org.redisee.cache.Cached;

@Singleton
public class SingletonService {

    @Cached(cache = "it-singleton")
    public String value(String key) {
        return BodyRuns.ran("singleton", key);
    }
}
