package org.redisee.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import org.redisee.cache.Cached;

import java.util.concurrent.atomic.AtomicLong;

/** The application bean under test: one {@code @Cached} method per cache configuration. */
@ApplicationScoped
public class CatalogService {

    private final AtomicLong loads = new AtomicLong();

    /** Loader calls so far: a hit benchmark checks that it measured hits only. */
    public long loads() {
        return loads.get();
    }

    /** Remote cache only (no near cache), lock-on-miss on (the default). */
    @Cached(cache = "remote")
    public Product remote(String id) {
        return load(id);
    }

    /** With {@code near-cache=true}. */
    @Cached(cache = "near")
    public Product near(String id) {
        return load(id);
    }

    /** Misses with {@code lock-on-miss=true} (the default). */
    @Cached(cache = "miss-lock")
    public Product missLock(String id) {
        return load(id);
    }

    /** Misses with {@code lock-on-miss=false}. */
    @Cached(cache = "miss-nolock")
    public Product missNoLock(String id) {
        return load(id);
    }

    private Product load(String id) {
        loads.incrementAndGet();
        return Product.of(id);
    }
}
