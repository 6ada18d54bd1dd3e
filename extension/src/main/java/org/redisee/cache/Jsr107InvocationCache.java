package org.redisee.cache;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * One annotated invocation's entry of a RedisEE cache, seen as a {@code javax.cache.Cache}: what a server's own
 * JSR-107 interceptors (Payara's) get from {@link org.redisee.cache.jsr107.RedisCacheResolverFactory}. The entry's
 * key is RedisEE's, built from the invocation's parameters as on WildFly, so the generated key the interceptor passes
 * in is not used; the value is JSON of the method's type. Only what the annotation interceptors call is supported:
 * get, containsKey, put, remove and removeAll (or clear); the rest throws {@link UnsupportedOperationException}.
 */
final class Jsr107InvocationCache implements Cache<Object, Object> {

    private final RedisCache cache;
    private final String id;
    private final Type valueType;

    Jsr107InvocationCache(RedisCache cache, String id, Type valueType) {
        this.cache = cache;
        this.id = id;
        this.valueType = valueType;
    }

    @Override
    public Object get(Object key) {
        try {
            return cache.find(id, valueType);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public void put(Object key, Object value) {
        cache.put(id, value, valueType);
    }

    @Override
    public boolean remove(Object key) {
        cache.evict(id);
        return true;
    }

    @Override
    public void removeAll() {
        cache.evictAll();
    }

    @Override
    public void clear() {
        cache.evictAll();
    }

    @Override
    public String getName() {
        return cache.name();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(cache)) {
            return type.cast(cache);
        }
        throw new IllegalArgumentException("Cannot unwrap to " + type.getName());
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public void close() {
        // The RedisEE cache belongs to the application and closes with it.
    }

    private UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("Cache '" + cache.name() + "' serves JSR-107 annotations only;"
                + " for the full javax.cache API use RedisEE's JCache provider (docs/jcache.md)");
    }

    @Override
    public Map<Object, Object> getAll(Set<?> keys) {
        throw unsupported();
    }

    @Override
    public void loadAll(Set<?> keys, boolean replaceExistingValues, CompletionListener completionListener) {
        throw unsupported();
    }

    @Override
    public Object getAndPut(Object key, Object value) {
        throw unsupported();
    }

    @Override
    public void putAll(Map<?, ?> map) {
        throw unsupported();
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        throw unsupported();
    }

    @Override
    public boolean remove(Object key, Object oldValue) {
        throw unsupported();
    }

    @Override
    public Object getAndRemove(Object key) {
        throw unsupported();
    }

    @Override
    public boolean replace(Object key, Object oldValue, Object newValue) {
        throw unsupported();
    }

    @Override
    public boolean replace(Object key, Object value) {
        throw unsupported();
    }

    @Override
    public Object getAndReplace(Object key, Object value) {
        throw unsupported();
    }

    @Override
    public void removeAll(Set<?> keys) {
        throw unsupported();
    }

    @Override
    public <C extends Configuration<Object, Object>> C getConfiguration(Class<C> type) {
        throw unsupported();
    }

    @Override
    public <T> T invoke(Object key, EntryProcessor<Object, Object, T> entryProcessor, Object... arguments) {
        throw unsupported();
    }

    @Override
    public <T> Map<Object, EntryProcessorResult<T>> invokeAll(Set<?> keys, EntryProcessor<Object, Object, T> entryProcessor,
                                                              Object... arguments) {
        throw unsupported();
    }

    @Override
    public CacheManager getCacheManager() {
        throw unsupported();
    }

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<Object, Object> listener) {
        throw unsupported();
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<Object, Object> listener) {
        throw unsupported();
    }

    @Override
    public Iterator<Entry<Object, Object>> iterator() {
        throw unsupported();
    }
}
