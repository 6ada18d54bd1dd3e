package org.redisee.client;

import org.redisson.client.RedisClusterDownException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisLoadingException;
import org.redisson.client.RedisMasterDownException;
import org.redisson.client.RedisNodeNotFoundException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.RedisTryAgainException;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/**
 * One client's shared view of whether Redis is reachable. Features check {@link #isOpen()} before calling Redis and
 * fail fast (a cache fails open, a rate limiter follows its policy) instead of waiting through Redisson's retries on
 * every call. The circuit opens on the first unavailability failure any caller reports, and closes only when the
 * client's probe gets a PING through, so one recovered request cannot flap it.
 */
public final class RedisCircuit {

    private final Runnable onOpen;
    private volatile boolean open;
    private volatile String reason = "";
    private volatile long openedAtNanos;

    /** @param onOpen run once each time the circuit opens, to schedule a fast probe */
    RedisCircuit(Runnable onOpen) {
        this.onOpen = onOpen;
    }

    /** True while Redis is known to be unreachable: callers should not call it now. */
    public boolean isOpen() {
        return open;
    }

    /** Why the circuit is open; empty while closed. */
    public String reason() {
        return open ? reason : "";
    }

    /** Nanosecond timestamp ({@link System#nanoTime()}) at which the circuit last opened. */
    public long openedAtNanos() {
        return openedAtNanos;
    }

    /**
     * Reports a failed call. Opens the circuit when the failure means Redis is unavailable; returns whether it did.
     * Other failures (a wrong type, a script error) say nothing about reachability and are ignored here.
     */
    public boolean recordFailure(Throwable failure) {
        if (!isUnavailability(failure)) {
            return false;
        }
        open(describe(failure));
        return true;
    }

    void open(String why) {
        reason = why;
        if (!open) {
            openedAtNanos = System.nanoTime();
            open = true;
            onOpen.run();
        }
    }

    void close() {
        open = false;
        reason = "";
    }

    /** Whether a failure means Redis cannot be reached (as opposed to a bad command or bad data). */
    public static boolean isUnavailability(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisConnectionException || t instanceof RedisTimeoutException
                    || t instanceof RedisNodeNotFoundException || t instanceof RedisClusterDownException
                    || t instanceof RedisMasterDownException || t instanceof RedisLoadingException
                    || t instanceof RedisTryAgainException || t instanceof ConnectException
                    || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause, which names what actually failed, without the wrappers' repetitions. */
    public static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
