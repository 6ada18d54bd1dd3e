package org.redisee.testing;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition about a Redis server until it holds, instead of sleeping a fixed time. */
final class Await {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private Await() {
    }

    /**
     * Waits until {@code condition} returns true. A connection failure or an error reply from Redis counts as
     * "not yet" (the server may still be starting or loading); any other exception ends the wait at once.
     */
    static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastProblem = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                lastProblem = null;
            } catch (UncheckedIOException | RedisReplyException notYet) {
                lastProblem = notYet;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + (lastProblem == null ? "" : "; last problem: " + lastProblem.getMessage()), lastProblem);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }
}
