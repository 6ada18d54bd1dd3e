package org.redisee.testing;

import java.util.function.Supplier;

/**
 * A value computed once, on first use, by whichever thread gets there first. A failure is remembered too,
 * so a missing Redis fails every test with the same message instead of retrying a slow start each time.
 */
final class Lazy<T> {

    private final Supplier<T> compute;
    private T value;
    private RuntimeException failure;

    Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    synchronized T get() {
        if (value == null && failure == null) {
            try {
                value = compute.get();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        return value;
    }
}
