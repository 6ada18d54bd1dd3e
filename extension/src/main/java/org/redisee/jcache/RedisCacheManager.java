package org.redisee.jcache;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.Codec;
import org.redisson.config.Config;
import org.redisson.jcache.JCache;
import org.redisson.jcache.JCacheManager;
import org.redisson.jcache.bean.JCacheStatisticsMXBean;
import org.redisson.jcache.configuration.RedissonConfiguration;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A JCache cache manager over one Redisson client. Caches are Redisson's {@link JCache}, created by a Redisson
 * {@link JCacheManager} that this manager keeps for its statistics and MXBeans, and wrapped in {@link RedisJCache}.
 * The manager itself is ours, because Redisson's departs from JSR-107 1.1: {@code getCache(name)} must not check
 * types, and {@code getCacheNames()} must fail once the manager is closed.
 */
public final class RedisCacheManager implements CacheManager {

    private final CachingProvider provider;
    private final URI uri;
    private final ClassLoader classLoader;
    private final Properties properties;
    private final RedissonClient redisson;
    private final JCacheSerialCodec codec;
    private final Function<String, Optional<CompleteConfiguration<?, ?>>> configuredCaches;
    private final Runnable onClose;
    private final JCacheManager engine;
    private final Map<String, RedisJCache<?, ?>> caches = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param configuredCaches the configuration of a cache that settings declare ({@code redisee.jcache.<name>.*});
     *                         such a cache is created the first time it is asked for
     * @param onClose          runs once when the manager closes, after its caches: releases what the provider
     *                         holds for it, and shuts down the client when the manager owns it
     */
    RedisCacheManager(CachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
                      RedissonClient redisson, JCacheSerialCodec codec,
                      Function<String, Optional<CompleteConfiguration<?, ?>>> configuredCaches, Runnable onClose) {
        this.provider = provider;
        this.uri = uri;
        this.classLoader = classLoader;
        this.properties = properties;
        this.redisson = redisson;
        this.codec = codec;
        this.configuredCaches = configuredCaches;
        this.onClose = onClose;
        this.engine = newEngine(provider, uri, classLoader, properties);
    }

    /**
     * Redisson's manager has no public constructor, and its only public way in (Redisson's provider) would read
     * our URI as the location of a YAML file. It gets no client of its own, so closing it never shuts ours down;
     * every cache is handed the client explicitly.
     */
    private static JCacheManager newEngine(CachingProvider provider, URI uri, ClassLoader classLoader,
                                           Properties properties) {
        try {
            Constructor<JCacheManager> constructor = JCacheManager.class.getDeclaredConstructor(
                    org.redisson.Redisson.class, ClassLoader.class, CachingProvider.class, Properties.class, URI.class);
            constructor.setAccessible(true);
            return constructor.newInstance(null, classLoader, provider, properties, uri);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CacheException("This Redisson version's JCacheManager cannot be created by RedisEE ("
                    + e + "); use the Redisson version RedisEE was built with", e);
        }
    }

    @Override
    public CachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
        checkNotClosed();
        if (cacheName == null || configuration == null) {
            throw new NullPointerException(cacheName == null ? "cacheName" : "configuration");
        }
        synchronized (caches) {
            if (caches.containsKey(cacheName)) {
                throw new CacheException("Cache '" + cacheName + "' already exists");
            }
            CompleteConfiguration<K, V> complete = complete(configuration);
            Customizations customizations = new Customizations();
            MutableConfiguration<K, V> tracked = customizations.track(complete);
            JCache<K, V> delegate = createWithCodec(cacheName, tracked);
            LockedMode.applyTo(delegate);
            RedisJCache<K, V> cache = new RedisJCache<>(this, delegate, customizations, complete);
            caches.put(cacheName, cache);
            return cache;
        }
    }

    /**
     * Redisson's cache takes its codec from the client's {@link Config}, which for a managed client is
     * {@code string}. JCache values are objects, so the codec is swapped for the cache's creation only. The client's
     * own objects are unaffected: they read the codec from the copy of the configuration the client made at start.
     */
    @SuppressWarnings("unchecked")
    private <K, V> JCache<K, V> createWithCodec(String cacheName, MutableConfiguration<K, V> tracked) {
        Config config = redisson.getConfig();
        synchronized (config) {
            Codec previous = config.getCodec();
            config.setCodec(codec);
            try {
                return (JCache<K, V>) engine.createCache(cacheName, RedissonConfiguration.fromInstance(redisson, tracked));
            } finally {
                config.setCodec(previous);
            }
        }
    }

    private static <K, V> CompleteConfiguration<K, V> complete(Configuration<K, V> configuration) {
        if (configuration instanceof CompleteConfiguration<K, V> complete) {
            return complete;
        }
        MutableConfiguration<K, V> copy = new MutableConfiguration<>();
        copy.setTypes(configuration.getKeyType(), configuration.getValueType());
        copy.setStoreByValue(configuration.isStoreByValue());
        return copy;
    }

    @Override
    public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        if (keyType == null || valueType == null) {
            throw new NullPointerException(keyType == null ? "keyType" : "valueType");
        }
        Cache<K, V> cache = getCache(cacheName);
        if (cache == null) {
            return null;
        }
        CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
        if (!keyType.isAssignableFrom(configuration.getKeyType())) {
            throw new ClassCastException("Cache '" + cacheName + "' has keys of " + configuration.getKeyType().getName()
                    + ", not " + keyType.getName());
        }
        if (!valueType.isAssignableFrom(configuration.getValueType())) {
            throw new ClassCastException("Cache '" + cacheName + "' has values of "
                    + configuration.getValueType().getName() + ", not " + valueType.getName());
        }
        return cache;
    }

    /** JSR-107 1.1: no type check here, whatever types the cache was configured with. */
    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String cacheName) {
        checkNotClosed();
        if (cacheName == null) {
            throw new NullPointerException("cacheName");
        }
        Cache<K, V> cache = (Cache<K, V>) caches.get(cacheName);
        if (cache != null) {
            return cache;
        }
        Optional<CompleteConfiguration<?, ?>> declared = configuredCaches.apply(cacheName);
        if (declared.isEmpty()) {
            return null;
        }
        synchronized (caches) {
            cache = (Cache<K, V>) caches.get(cacheName);
            return cache != null ? cache : (Cache<K, V>) createCache(cacheName, declared.get());
        }
    }

    @Override
    public Iterable<String> getCacheNames() {
        checkNotClosed();
        return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
    }

    @Override
    public void destroyCache(String cacheName) {
        checkNotClosed();
        if (cacheName == null) {
            throw new NullPointerException("cacheName");
        }
        RedisJCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.clear();
            cache.close();
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        checkNotClosed();
        engine.enableManagement(cacheName, enabled);
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        checkNotClosed();
        engine.enableStatistics(cacheName, enabled);
    }

    /** The statistics of a cache; a no-op recorder while statistics are disabled. */
    JCacheStatisticsMXBean statistics(JCache<?, ?> cache) {
        return engine.getStatBean(cache);
    }

    void release(RedisJCache<?, ?> cache) {
        caches.remove(cache.getName(), cache);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (RedisJCache<?, ?> cache : caches.values()) {
                cache.close();
            }
            onClose.run();
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isAssignableFrom(getClass())) {
            return type.cast(this);
        }
        if (type.isAssignableFrom(RedissonClient.class)) {
            return type.cast(redisson);
        }
        throw new IllegalArgumentException("The cache manager cannot be unwrapped to " + type.getName());
    }

    private void checkNotClosed() {
        if (closed.get()) {
            throw new IllegalStateException("Cache manager " + uri + " is closed");
        }
    }
}
