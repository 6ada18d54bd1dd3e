package org.redisee.cache;

import org.redisee.InterceptorBindings;
import jakarta.interceptor.InvocationContext;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The logic behind the four cache annotations, shared by their thin interceptors: find the cache and key for the
 * intercepted method, then call {@link RedisCache}.
 */
public final class CacheOperations {

    private final RedisCaches caches;
    private final Function<Class<? extends CacheKeyGenerator>, CacheKeyGenerator> generators;
    /** Per annotation, the methods seen so far; looked up on every call, so no key object is built. */
    private final Map<Class<? extends Annotation>, Map<Method, CachedMethod>> methods = Map.of(
            Cached.class, new ConcurrentHashMap<>(), CacheUpdate.class, new ConcurrentHashMap<>(),
            CacheEvict.class, new ConcurrentHashMap<>(), CacheEvictAll.class, new ConcurrentHashMap<>());

    public CacheOperations(RedisCaches caches, Function<Class<? extends CacheKeyGenerator>, CacheKeyGenerator> generators) {
        this.caches = caches;
        this.generators = generators;
    }

    public RedisCaches caches() {
        return caches;
    }

    Object cached(InvocationContext context) throws Exception {
        CachedMethod method = method(context, Cached.class, Cached::cache, Cached::keyGenerator);
        RedisCache cache = caches.cache(method.cacheName());
        String id = method.key(context.getParameters());
        return method.async()
                ? cache.getAsync(id, method.valueType(), () -> (CompletionStage<?>) context.proceed())
                : cache.get(id, method.valueType(), context::proceed);
    }

    Object update(InvocationContext context) throws Exception {
        CachedMethod method = method(context, CacheUpdate.class, CacheUpdate::cache, CacheUpdate::keyGenerator);
        RedisCache cache = caches.cache(method.cacheName());
        String id = method.key(context.getParameters());
        Object result = context.proceed();
        if (method.async()) {
            return ((CompletionStage<?>) result).thenApply(value -> {
                cache.put(id, value, method.valueType());
                return value;
            });
        }
        cache.put(id, result, method.valueType());
        return result;
    }

    Object evict(InvocationContext context) throws Exception {
        CachedMethod method = method(context, CacheEvict.class, CacheEvict::cache, CacheEvict::keyGenerator);
        String id = method.key(context.getParameters());
        return afterSuccess(context, method, () -> caches.cache(method.cacheName()).evict(id));
    }

    Object evictAll(InvocationContext context) throws Exception {
        CachedMethod method = method(context, CacheEvictAll.class, CacheEvictAll::cache, a -> CacheKeyGenerator.class);
        return afterSuccess(context, method, () -> caches.cache(method.cacheName()).evictAll());
    }

    /** Runs the method, then the eviction, once the method (or its CompletionStage) has succeeded. */
    private static Object afterSuccess(InvocationContext context, CachedMethod method, Runnable eviction) throws Exception {
        Object result = context.proceed();
        if (method.async()) {
            return ((CompletionStage<?>) result).thenApply(value -> {
                eviction.run();
                return value;
            });
        }
        eviction.run();
        return result;
    }

    /** The method's metadata, worked out on its first call from the annotation on the method or its class. */
    private <A extends Annotation> CachedMethod method(InvocationContext context, Class<A> operation,
                                                       Function<A, String> cache,
                                                       Function<A, Class<? extends CacheKeyGenerator>> generator) {
        Map<Method, CachedMethod> known = methods.get(operation);
        CachedMethod method = known.get(context.getMethod());
        if (method != null) {
            return method;
        }
        return known.computeIfAbsent(context.getMethod(), m -> {
            A binding = InterceptorBindings.binding(context, operation);
            return CachedMethod.of(m, cache.apply(binding), generator.apply(binding), generators);
        });
    }
}
