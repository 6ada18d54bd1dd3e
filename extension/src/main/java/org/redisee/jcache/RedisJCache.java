package org.redisee.jcache;

import org.redisson.jcache.JCache;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JCache cache: Redisson's {@link JCache} does the work in Redis; this class corrects where it departs from
 * JSR-107 1.1 (the JCache TCK 1.1.1 shows each case):
 * <ul>
 *   <li>caches with an expiry policy of the application's own or a synchronous listener run in Redisson's locked
 *       mode, which calls the policy and waits for listeners as the spec says ({@link LockedMode});</li>
 *   <li>in the locked mode, {@code replace(key, old, new)} gives listeners the old value they asked for;</li>
 *   <li>closeable customizations are closed on close and on listener deregistration ({@link Customizations});</li>
 *   <li>{@code loadAll}, and reads that load through, return once the loaded values are stored, not when their writes
 *       were sent;</li>
 *   <li>a {@code putIfAbsent} counts a miss when it stores and a hit when it does not;</li>
 *   <li>the configuration and cache manager are the ones the application gave and got.</li>
 * </ul>
 */
public final class RedisJCache<K, V> implements Cache<K, V> {

    /** How long {@code loadAll} waits for its writes to land before it reports completion anyway. */
    private static final java.time.Duration LOAD_VISIBILITY_LIMIT = java.time.Duration.ofSeconds(5);

    /** The longest a failed write-through remove waits for Redisson to put the entry back. */
    private static final java.time.Duration RESTORE_WAIT = java.time.Duration.ofSeconds(1);

    private final RedisCacheManager manager;
    private final JCache<K, V> delegate;
    private final Customizations customizations;
    /** The configuration as the application gave it, with its current listeners. */
    private final MutableConfiguration<K, V> configuration;

    RedisJCache(RedisCacheManager manager, JCache<K, V> delegate, Customizations customizations,
                CompleteConfiguration<K, V> configuration) {
        this.manager = manager;
        this.delegate = delegate;
        this.customizations = customizations;
        this.configuration = new MutableConfiguration<>(configuration);
    }

    JCache<K, V> delegate() {
        return delegate;
    }

    @Override
    public V get(K key) {
        V value = delegate.get(key);
        awaitReadThrough(Set.of(key));
        return value;
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        Map<K, V> values = delegate.getAll(keys);
        awaitReadThrough(keys);
        return values;
    }

    /**
     * With read-through, Redisson returns a loaded value before its write to Redis is done, so a read right after
     * could miss it; wait for the values the loader produced. Nothing to wait for on a hit.
     */
    @SuppressWarnings("unchecked")
    private void awaitReadThrough(Set<?> keys) {
        if (configuration.isReadThrough()) {
            customizations.awaitLoaded(keys, key -> delegate.containsKey((K) key), LOAD_VISIBILITY_LIMIT);
        }
    }

    @Override
    public boolean containsKey(K key) {
        return delegate.containsKey(key);
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener completionListener) {
        delegate.loadAll(keys, replaceExistingValues, new CompletionListener() {
            @Override
            @SuppressWarnings("unchecked")
            public void onCompletion() {
                customizations.awaitLoaded(keys, key -> delegate.containsKey((K) key), LOAD_VISIBILITY_LIMIT);
                if (completionListener != null) {
                    completionListener.onCompletion();
                }
            }

            @Override
            public void onException(Exception e) {
                if (completionListener != null) {
                    completionListener.onException(e);
                }
            }
        });
    }

    @Override
    public void put(K key, V value) {
        delegate.put(key, value);
    }

    @Override
    public V getAndPut(K key, V value) {
        return delegate.getAndPut(key, value);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        delegate.putAll(map);
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        boolean stored = delegate.putIfAbsent(key, value);
        // The spec counts a putIfAbsent that stores as a miss and one that finds a value as a hit; Redisson counts
        // neither.
        if (stored) {
            manager.statistics(delegate).addMisses(1);
        } else {
            manager.statistics(delegate).addHits(1);
        }
        return stored;
    }

    /**
     * When write-through's writer fails, Redisson puts the removed entry back without waiting for Redis, so a read
     * right after the exception could still miss it. Here the exception comes only once the entry is back.
     */
    @Override
    public boolean remove(K key) {
        if (!configuration.isWriteThrough()) {
            return delegate.remove(key);
        }
        boolean present = delegate.containsKey(key);
        try {
            return delegate.remove(key);
        } catch (CacheWriterException e) {
            if (present) {
                awaitRestored(key);
            }
            throw e;
        }
    }

    private void awaitRestored(K key) {
        long deadline = System.nanoTime() + RESTORE_WAIT.toNanos();
        while (!delegate.containsKey(key) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Override
    public boolean remove(K key, V oldValue) {
        return delegate.remove(key, oldValue);
    }

    @Override
    public V getAndRemove(K key) {
        return delegate.getAndRemove(key);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        if (oldValuesRequested() && LockedMode.isOn(delegate)) {
            // In the locked mode, Redisson's replace publishes the update without the old value when the expiry does
            // not change; its put, which invoke uses under the same key lock, includes it. Statistics, expiry and the
            // writer are those of a replace: a hit or a miss, and a put when it replaces.
            Objects.requireNonNull(oldValue, "oldValue");
            Objects.requireNonNull(newValue, "newValue");
            return delegate.invoke(key, (entry, arguments) -> {
                if (!delegate.containsKey(key) || !Objects.equals(entry.getValue(), oldValue)) {
                    return false;
                }
                entry.setValue(newValue);
                return true;
            });
        }
        return delegate.replace(key, oldValue, newValue);
    }

    private boolean oldValuesRequested() {
        synchronized (configuration) {
            for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
                if (listener.isOldValueRequired()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean replace(K key, V value) {
        return delegate.replace(key, value);
    }

    @Override
    public V getAndReplace(K key, V value) {
        return delegate.getAndReplace(key, value);
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        delegate.removeAll(keys);
    }

    @Override
    public void removeAll() {
        delegate.removeAll();
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
        CompleteConfiguration<K, V> live = delegate.getConfiguration(CompleteConfiguration.class);
        MutableConfiguration<K, V> view;
        synchronized (configuration) {
            view = new MutableConfiguration<>(configuration);
        }
        view.setStatisticsEnabled(live.isStatisticsEnabled());
        view.setManagementEnabled(live.isManagementEnabled());
        if (type.isInstance(view)) {
            return type.cast(view);
        }
        throw new IllegalArgumentException("The configuration of cache '" + getName() + "' is a "
                + CompleteConfiguration.class.getName() + ", not a " + type.getName());
    }

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments)
            throws EntryProcessorException {
        T result = delegate.invoke(key, entryProcessor, arguments);
        awaitReadThrough(Set.of(key));
        return result;
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> entryProcessor,
                                                         Object... arguments) {
        Map<K, EntryProcessorResult<T>> results = delegate.invokeAll(keys, entryProcessor, arguments);
        awaitReadThrough(keys);
        return results;
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    @Override
    public void close() {
        if (!delegate.isClosed()) {
            delegate.close();
            manager.release(this);
            customizations.closeAll();
        }
    }

    @Override
    public boolean isClosed() {
        return delegate.isClosed();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isAssignableFrom(getClass())) {
            return type.cast(this);
        }
        T inner = delegate.unwrap(type);
        if (inner == null) {
            throw new IllegalArgumentException("Cache '" + getName() + "' cannot be unwrapped to " + type.getName());
        }
        return inner;
    }

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
        if (listener == null) {
            throw new NullPointerException("listener configuration");
        }
        synchronized (configuration) {
            for (CacheEntryListenerConfiguration<K, V> existing : configuration.getCacheEntryListenerConfigurations()) {
                if (existing.equals(listener)) {
                    throw new IllegalArgumentException("This listener configuration is already registered");
                }
            }
            if (listener.isSynchronous()) {
                LockedMode.enable(delegate);
            }
            delegate.registerCacheEntryListener(customizations.track(listener));
            configuration.addCacheEntryListenerConfiguration(listener);
        }
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
        if (listener == null) {
            throw new NullPointerException("listener configuration");
        }
        synchronized (configuration) {
            CacheEntryListenerConfiguration<K, V> tracked = customizations.tracked(listener);
            if (tracked != null) {
                delegate.deregisterCacheEntryListener(tracked);
                configuration.removeCacheEntryListenerConfiguration(listener);
                customizations.closeListener(listener);
            }
        }
    }

    @Override
    public Iterator<Entry<K, V>> iterator() {
        return delegate.iterator();
    }
}
