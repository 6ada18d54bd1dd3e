package org.redisee.cache.jsr107;

import jakarta.enterprise.inject.spi.CDI;
import org.redisee.cache.Jsr107Operations;

import javax.cache.Cache;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import java.lang.annotation.Annotation;
import java.util.Arrays;

/**
 * Sends JSR-107 cache annotations to RedisEE's Redis caches on servers that intercept them themselves (Payara):
 * <pre>{@code @CacheDefaults(cacheResolverFactory = RedisCacheResolverFactory.class)}</pre>
 * on the bean class (or {@code cacheResolverFactory} on each annotation). The server's interceptor then reads and
 * writes the same entries, with the same names, keys, JSON values and {@code redisee.cache.<name>.*} settings as
 * RedisEE's own interceptors use on WildFly, where this attribute is ignored. Exception caches are not supported:
 * exceptions are never cached.
 *
 * <p>The server creates this class itself, outside CDI; it reaches the application's caches through
 * {@code CDI.current()}.
 */
public class RedisCacheResolverFactory implements CacheResolverFactory {

    @Override
    public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> cacheMethodDetails) {
        return new InvocationResolver();
    }

    @Override
    public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> cacheMethodDetails) {
        throw new UnsupportedOperationException("RedisEE does not cache exceptions: remove exceptionCacheName from "
                + cacheMethodDetails.getMethod());
    }

    /** Resolves each invocation to its own entry: RedisEE's key comes from the invocation's parameters. */
    private static final class InvocationResolver implements CacheResolver {

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
            Object[] parameters = Arrays.stream(context.getAllParameters()).map(CacheInvocationParameter::getValue).toArray();
            return (Cache<K, V>) CDI.current().select(Jsr107Operations.class).get()
                    .invocationCache(context.getMethod(), context.getCacheAnnotation(), parameters);
        }
    }
}
