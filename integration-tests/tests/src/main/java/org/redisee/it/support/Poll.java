package org.redisee.it.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits, within a bound, until a condition holds. */
public final class Poll {

    private Poll() {
    }

    /**
     * Calls {@code probe} every 250 ms until {@code done} accepts its result, and returns that result. Fails with the
     * last result (or the last exception) after {@code timeout}.
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for "
                        + what + "; last result: " + (lastError != null ? lastError : last));
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
