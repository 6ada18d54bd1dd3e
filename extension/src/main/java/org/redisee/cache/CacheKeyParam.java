package org.redisee.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * Narrows the cache key to the marked parameters. Without any marked parameter, the key is built from all of them.
 * <pre>{@code @Cached(cache = "orders") Order order(@CacheKeyParam String id, Locale locale)}</pre>
 */
@Documented
@Retention(RUNTIME)
@Target(PARAMETER)
public @interface CacheKeyParam {
}
