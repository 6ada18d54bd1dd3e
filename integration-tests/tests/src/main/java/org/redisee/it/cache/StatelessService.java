package org.redisee.it.cache;

import jakarta.ejb.Stateless;
import org.redisee.cache.Cached;

@Stateless
public class StatelessService {

    @Cached(cache = "it-stateless")
    public String value(String key) {
        return BodyRuns.ran("stateless", key);
    }
}
