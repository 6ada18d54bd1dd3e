package org.redisee.jcache;

import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The loader, writer, expiry policy, listeners and filters a cache creates from its configuration's factories. The
 * spec says a cache closes those that are {@link Closeable} when it closes, and a listener's when it is deregistered;
 * Redisson's cache creates them but never closes them. Every factory handed to Redisson is wrapped, so each
 * instance it creates is recorded here and closed at the right time.
 */
final class Customizations {

    private static final Logger LOG = Logger.getLogger(Customizations.class.getName());

    private final List<Object> cacheWide = new ArrayList<>();
    /** Keys the loader returned a value for and that {@link #awaitLoaded} has not yet seen stored. */
    private final Set<Object> loaded = ConcurrentHashMap.newKeySet();
    /** Per listener registration (the user's configuration): what was created for it. */
    private final Map<CacheEntryListenerConfiguration<?, ?>, List<Object>> perListener = new ConcurrentHashMap<>();
    /** The user's listener configuration mapped to the tracked one Redisson got. */
    private final Map<CacheEntryListenerConfiguration<?, ?>, CacheEntryListenerConfiguration<?, ?>> trackedListeners =
            new ConcurrentHashMap<>();

    /** A copy of {@code config} for Redisson whose factories record what they create. */
    <K, V> MutableConfiguration<K, V> track(CompleteConfiguration<K, V> config) {
        MutableConfiguration<K, V> copy = new MutableConfiguration<>();
        copy.setTypes(config.getKeyType(), config.getValueType());
        copy.setStoreByValue(config.isStoreByValue());
        copy.setReadThrough(config.isReadThrough());
        copy.setWriteThrough(config.isWriteThrough());
        copy.setStatisticsEnabled(config.isStatisticsEnabled());
        copy.setManagementEnabled(config.isManagementEnabled());
        Factory<CacheLoader<K, V>> loaderFactory = config.getCacheLoaderFactory();
        copy.setCacheLoaderFactory(tracking(loaderFactory == null ? null : new LoadRecordingFactory<>(loaderFactory, loaded),
                cacheWide));
        copy.setCacheWriterFactory(tracking(config.getCacheWriterFactory(), cacheWide));
        copy.setExpiryPolicyFactory(tracking(config.getExpiryPolicyFactory(), cacheWide));
        for (CacheEntryListenerConfiguration<K, V> listener : config.getCacheEntryListenerConfigurations()) {
            copy.addCacheEntryListenerConfiguration(track(listener));
        }
        return copy;
    }

    /** The tracked twin of a listener registration; the same twin for the same registration. */
    @SuppressWarnings("unchecked")
    <K, V> CacheEntryListenerConfiguration<K, V> track(CacheEntryListenerConfiguration<K, V> listener) {
        return (CacheEntryListenerConfiguration<K, V>) trackedListeners.computeIfAbsent(listener, l -> {
            List<Object> created = perListener.computeIfAbsent(listener, k -> new ArrayList<>());
            return new MutableCacheEntryListenerConfiguration<>(
                    tracking(listener.getCacheEntryListenerFactory(), created),
                    tracking(listener.getCacheEntryEventFilterFactory(), created),
                    listener.isOldValueRequired(), listener.isSynchronous());
        });
    }

    /** The tracked twin of a registration, or null when it was never registered. */
    @SuppressWarnings("unchecked")
    <K, V> CacheEntryListenerConfiguration<K, V> tracked(CacheEntryListenerConfiguration<K, V> listener) {
        return (CacheEntryListenerConfiguration<K, V>) trackedListeners.get(listener);
    }

    /** Closes what was created for one listener registration, after it has been deregistered. */
    void closeListener(CacheEntryListenerConfiguration<?, ?> listener) {
        trackedListeners.remove(listener);
        List<Object> created = perListener.remove(listener);
        if (created != null) {
            closeAll(created);
        }
    }

    /** Closes everything the cache created, once, when it closes. */
    void closeAll() {
        perListener.values().forEach(Customizations::closeAll);
        perListener.clear();
        trackedListeners.clear();
        closeAll(cacheWide);
    }

    private static void closeAll(List<Object> created) {
        List<Object> copy;
        synchronized (created) {
            copy = new ArrayList<>(created);
            created.clear();
        }
        // A singleton factory hands out one instance many times; close it once.
        Set<Object> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(copy);
        distinct.forEach(instance -> {
            if (instance instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "Closing " + instance.getClass().getName() + " failed", e);
                }
            }
        });
    }

    /**
     * Waits until the values the loader produced for {@code keys} are in Redis. Redisson's {@code loadAll} reports
     * completion when it has sent the writes, not when they are done, so a read right after could miss them.
     */
    void awaitLoaded(Set<?> keys, Predicate<Object> stored, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Object key : keys) {
            if (loaded.remove(key)) {
                while (!stored.test(key) && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(200_000);
                }
            }
        }
    }

    private static <T> Factory<T> tracking(Factory<T> factory, List<Object> created) {
        return factory == null ? null : new TrackingFactory<>(factory, created);
    }

    private static final class LoadRecordingFactory<K, V> implements Factory<CacheLoader<K, V>> {

        private static final long serialVersionUID = 1L;

        private final Factory<CacheLoader<K, V>> factory;
        private final transient Set<Object> loaded;

        LoadRecordingFactory(Factory<CacheLoader<K, V>> factory, Set<Object> loaded) {
            this.factory = factory;
            this.loaded = loaded;
        }

        @Override
        public CacheLoader<K, V> create() {
            CacheLoader<K, V> loader = factory.create();
            return loader == null ? null : new RecordingLoader<>(loader, loaded);
        }
    }

    /** Records which keys got a value; closes the loader it wraps. */
    private static final class RecordingLoader<K, V> implements CacheLoader<K, V>, Closeable {

        private final CacheLoader<K, V> loader;
        private final Set<Object> loaded;

        RecordingLoader(CacheLoader<K, V> loader, Set<Object> loaded) {
            this.loader = loader;
            this.loaded = loaded;
        }

        @Override
        public V load(K key) {
            V value = loader.load(key);
            if (value != null) {
                loaded.add(key);
            }
            return value;
        }

        @Override
        public Map<K, V> loadAll(Iterable<? extends K> keys) {
            Map<K, V> values = loader.loadAll(keys);
            values.forEach((key, value) -> {
                if (value != null) {
                    loaded.add(key);
                }
            });
            return values;
        }

        @Override
        public void close() throws java.io.IOException {
            if (loader instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }

    private static final class TrackingFactory<T> implements Factory<T> {

        private static final long serialVersionUID = 1L;

        private final Factory<T> factory;
        private final transient List<Object> created;

        TrackingFactory(Factory<T> factory, List<Object> created) {
            this.factory = factory;
            this.created = created;
        }

        @Override
        public T create() {
            T instance = factory.create();
            if (instance instanceof Closeable) {
                synchronized (created) {
                    created.add(instance);
                }
            }
            return instance;
        }
    }
}
