package org.redisee.cache;

import java.lang.reflect.Type;

/**
 * White-box access for {@link org.redisee.benchmarks.JsonDecode}: the extension's own package-private JSON-B wrapper,
 * so its decode can be timed against a plain {@code Jsonb}. Lives in the benchmark jar only. It depends on a
 * package-private class: if {@code CacheJson} changes, change this probe with it (or drop it and
 * {@code JsonDecode.decodeCacheJson}).
 */
public final class CacheJsonProbe implements AutoCloseable {

    private final CacheJson json = new CacheJson();

    public Object read(String text, Type type) {
        return json.read(text, type);
    }

    @Override
    public void close() {
        json.close();
    }
}
