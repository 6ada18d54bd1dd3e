package org.redisee.jcache;

import org.redisson.jcache.JCache;
import org.redisson.jcache.configuration.JCacheConfiguration;

import javax.cache.CacheException;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import java.lang.reflect.Field;

/**
 * Redisson's cache runs each write as one Lua script ("atomic" mode) or as separate steps under a per-key lock. The
 * script mode asks the expiry policy for every duration the script might need before it knows which applies, and
 * does not wait for synchronous listeners in some operations; the locked mode does both as JSR-107 says, at the
 * price of a lock round trip per write. Redisson picks the mode once, from a TCK system property. RedisEE picks it per
 * cache: the locked mode only for caches whose semantics differ between the two, that is with an expiry policy of
 * the application's own (the standard ones are constants, so extra calls change nothing) or a synchronous listener.
 */
final class LockedMode {

    private static final Field ATOMIC_EXECUTION = atomicExecutionField();

    private LockedMode() {
    }

    private static Field atomicExecutionField() {
        try {
            Field field = JCache.class.getDeclaredField("atomicExecution");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CacheException("This Redisson version's JCache has no execution mode RedisEE can set (" + e
                    + "); use the Redisson version RedisEE was built with", e);
        }
    }

    /** Switches {@code cache} to the locked mode when its configuration needs it; see the class comment. */
    static void applyTo(JCache<?, ?> cache) {
        JCacheConfiguration<?, ?> configuration = cache.getConfiguration(JCacheConfiguration.class);
        boolean customExpiry = !configuration.getExpiryPolicy().getClass().getPackageName().equals("javax.cache.expiry");
        boolean synchronousListener = false;
        for (CacheEntryListenerConfiguration<?, ?> listener : configuration.getCacheEntryListenerConfigurations()) {
            synchronousListener |= listener.isSynchronous();
        }
        if (customExpiry || synchronousListener) {
            enable(cache);
        }
    }

    static boolean isOn(JCache<?, ?> cache) {
        try {
            return !ATOMIC_EXECUTION.getBoolean(cache);
        } catch (IllegalAccessException e) {
            throw new CacheException("Cannot read the execution mode of cache " + cache.getName(), e);
        }
    }

    static void enable(JCache<?, ?> cache) {
        try {
            ATOMIC_EXECUTION.setBoolean(cache, false);
        } catch (IllegalAccessException e) {
            throw new CacheException("Cannot switch cache " + cache.getName() + " to Redisson's locked mode", e);
        }
    }
}
