package org.redisee.lock;

import java.time.Duration;

/** A {@link Locked} method's lock was held elsewhere for longer than it waits. */
public final class LockUnavailableException extends RuntimeException {

    private final String lock;

    public LockUnavailableException(String lock, Duration waited) {
        super("Lock " + lock + " is held elsewhere; waited " + waited.toMillis() + " ms");
        this.lock = lock;
    }

    public String lock() {
        return lock;
    }
}
