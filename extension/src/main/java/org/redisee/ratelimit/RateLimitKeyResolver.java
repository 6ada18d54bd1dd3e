package org.redisee.ratelimit;

import java.lang.reflect.Method;

/** A CDI bean that gives the key of a {@code @RateLimited(key = KeySource.RESOLVER, resolver = ...)} call. */
public interface RateLimitKeyResolver {

    /** The key of this call, or null to count it with the other calls that have no key. */
    String key(Method method, Object[] parameters);
}
