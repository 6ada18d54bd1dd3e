package org.redisee.cache;

import java.lang.reflect.Method;

/**
 * Builds cache keys for methods whose parameters do not make a good key. Implement it as a CDI bean and name it in
 * {@code keyGenerator}. The key is the part after {@code <prefix>:cache:<cache name>:} in Redis.
 */
public interface CacheKeyGenerator {

    String key(Method method, Object[] parameters);
}
