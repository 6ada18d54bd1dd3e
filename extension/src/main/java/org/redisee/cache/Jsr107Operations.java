package org.redisee.cache;

import org.redisee.InterceptorBindings;
import jakarta.interceptor.InvocationContext;

import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The JSR-107 annotations ({@code javax.cache.annotation}) routed to the same Redis caches as RedisEE's own, for
 * servers that do not intercept them themselves (WildFly). Cache names and keys follow JSR-107: {@code cacheName},
 * else {@code @CacheDefaults}, else {@code <class>.<method>(<parameter types>)}; keys from {@code @CacheKey}
 * parameters, else all parameters but the {@code @CacheValue} one. {@code cacheResolverFactory},
 * {@code cacheKeyGenerator} and exception caches are not used: the cache is always the Redis one of that name. On a
 * server that intercepts JSR-107 itself, {@link #invocationCache} gives its interceptors the same entries.
 */
public final class Jsr107Operations {

    private final RedisCaches caches;
    private final Map<Method, CachedMethod> methods = new ConcurrentHashMap<>();

    public Jsr107Operations(RedisCaches caches) {
        this.caches = caches;
    }

    public Object result(InvocationContext context) throws Exception {
        CacheResult binding = binding(context, CacheResult.class);
        CachedMethod method = method(context, binding.cacheName());
        RedisCache cache = caches.cache(method.cacheName());
        String id = method.key(context.getParameters());
        if (binding.skipGet()) {
            Object value = context.proceed();
            cache.put(id, value, method.valueType());
            return value;
        }
        return method.async()
                ? cache.getAsync(id, method.valueType(), () -> (CompletionStage<?>) context.proceed())
                : cache.get(id, method.valueType(), context::proceed);
    }

    public Object put(InvocationContext context) throws Exception {
        CachePut binding = binding(context, CachePut.class);
        CachedMethod method = method(context, binding.cacheName());
        int valueIndex = CachedMethod.parameterWith(context.getMethod(), CacheValue.class);
        if (valueIndex < 0) {
            throw new IllegalStateException("@CachePut on " + context.getMethod() + " needs a @CacheValue parameter");
        }
        Runnable store = () -> caches.cache(method.cacheName()).put(method.key(context.getParameters()),
                context.getParameters()[valueIndex], context.getMethod().getGenericParameterTypes()[valueIndex]);
        return around(context, binding.afterInvocation(), store);
    }

    public Object remove(InvocationContext context) throws Exception {
        CacheRemove binding = binding(context, CacheRemove.class);
        CachedMethod method = method(context, binding.cacheName());
        return around(context, binding.afterInvocation(),
                () -> caches.cache(method.cacheName()).evict(method.key(context.getParameters())));
    }

    public Object removeAll(InvocationContext context) throws Exception {
        CacheRemoveAll binding = binding(context, CacheRemoveAll.class);
        CachedMethod method = method(context, binding.cacheName());
        return around(context, binding.afterInvocation(), () -> caches.cache(method.cacheName()).evictAll());
    }

    /**
     * The cache entry of one invocation, for a server's own JSR-107 interceptors (Payara's, through
     * {@link org.redisee.cache.jsr107.RedisCacheResolverFactory}): the same Redis cache and key as on WildFly.
     *
     * <p>The cache name follows the same rules as on WildFly, whatever the server would have named it.
     */
    public javax.cache.Cache<Object, Object> invocationCache(Method method, Annotation annotation, Object[] parameters) {
        String annotated = annotation instanceof CacheResult r ? r.cacheName()
                : annotation instanceof CachePut p ? p.cacheName()
                : annotation instanceof CacheRemove r ? r.cacheName()
                : annotation instanceof CacheRemoveAll r ? r.cacheName() : "";
        CachedMethod cached = methods.computeIfAbsent(method, m -> CachedMethod.of(m, cacheName(m, annotated),
                CachedMethod.keyParameters(m, CacheKey.class, CacheValue.class), null));
        Type valueType = cached.valueType();
        if (annotation instanceof CachePut) {
            int valueIndex = CachedMethod.parameterWith(method, CacheValue.class);
            if (valueIndex >= 0) {
                valueType = method.getGenericParameterTypes()[valueIndex];
            }
        }
        return new Jsr107InvocationCache(caches.cache(cached.cacheName()), cached.key(parameters), valueType);
    }

    /** Runs {@code action} before the method, or after it when it returns normally, as JSR-107's afterInvocation says. */
    private static Object around(InvocationContext context, boolean afterInvocation, Runnable action) throws Exception {
        if (!afterInvocation) {
            action.run();
            return context.proceed();
        }
        Object result = context.proceed();
        action.run();
        return result;
    }

    private CachedMethod method(InvocationContext context, String cacheName) {
        return methods.computeIfAbsent(context.getMethod(), m -> CachedMethod.of(m, cacheName(m, cacheName),
                CachedMethod.keyParameters(m, CacheKey.class, CacheValue.class), null));
    }

    static String cacheName(Method method, String annotated) {
        if (!annotated.isEmpty()) {
            return annotated;
        }
        CacheDefaults defaults = method.getDeclaringClass().getAnnotation(CacheDefaults.class);
        if (defaults != null && !defaults.cacheName().isEmpty()) {
            return defaults.cacheName();
        }
        return method.getDeclaringClass().getName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getName).collect(Collectors.joining(",", "(", ")"));
    }

    private static <A extends Annotation> A binding(InvocationContext context, Class<A> type) {
        return InterceptorBindings.binding(context, type);
    }
}
