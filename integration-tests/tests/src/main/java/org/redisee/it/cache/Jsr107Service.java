package org.redisee.it.cache;

import jakarta.enterprise.context.ApplicationScoped;

import javax.cache.annotation.CacheResult;

/** Written against JSR-107's annotations. */
@ApplicationScoped
public class Jsr107Service {

    @CacheResult(cacheName = "it-jsr107")
    public String value(String key) {
        return BodyRuns.ran("jsr107", key);
    }
}
