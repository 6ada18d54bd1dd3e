package org.redisee.reliability;

import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisNode;
import org.redisee.testing.RedisReplyException;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Operations that run in a loop, each on a thread of its own, while a test makes Redis misbehave, and what their
 * callers saw: calls, errors (an exception reached the caller), degraded answers (given without Redis, such as a
 * cache failing open), the slowest call, and when each operation was served through Redis again after a mark.
 */
final class Load implements AutoCloseable {

    /** One call: true when Redis served it, false when it was answered without Redis; an exception is an error. */
    @FunctionalInterface
    interface Operation {
        boolean call() throws Exception;
    }

    /** A call that takes longer than this counts as hung: the tests assert that none does. */
    static final Duration HANG = Duration.ofSeconds(20);

    private final List<Stream> streams = new ArrayList<>();

    /** Starts {@code operation} on a thread of its own, with {@code pause} between calls. */
    Stream start(String name, Duration pause, Operation operation) {
        Stream stream = new Stream(name, pause, operation);
        streams.add(stream);
        return stream;
    }

    /** From now on, each stream notes the first call begun after now and after its last error that Redis serves. */
    void markRecovery() {
        long now = System.nanoTime();
        streams.forEach(stream -> stream.markRecovery(now));
    }

    /** Waits until every stream was served through Redis since {@link #markRecovery()}; false on timeout. */
    boolean awaitRecovered(Duration timeout) {
        boolean recovered = await(timeout, () -> streams.stream().allMatch(Stream::recovered));
        streams.forEach(Stream::noteRecovery);
        return recovered;
    }

    /** Stops every stream, waiting for the call in progress; throws if one is still running after {@link #HANG}. */
    @Override
    public void close() {
        streams.forEach(stream -> stream.running = false);
        for (Stream stream : streams) {
            try {
                stream.thread.join(HANG.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (stream.thread.isAlive()) {
                stream.thread.interrupt();
                throw new AssertionError(stream.name + ": a call has not returned after " + HANG.toSeconds() + " s");
            }
        }
    }

    static final class Stream {
        final String name;
        private final Duration pause;
        private final Operation operation;
        private final Thread thread;
        private volatile boolean running = true;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong degraded = new AtomicLong();
        private final AtomicLong maxNanos = new AtomicLong();
        /** Distinct error kinds with their counts: the exception's class and the start of its innermost message. */
        private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
        private volatile long markNanos;
        private volatile long recoveredNanos;
        private volatile long lastErrorNanos;
        /** The longest recovery noted over the marks so far, or -1. */
        private volatile long worstRecoveryMillis = -1;

        private Stream(String name, Duration pause, Operation operation) {
            this.name = name;
            this.pause = pause;
            this.operation = operation;
            this.thread = daemon("reliability-" + name, this::run);
        }

        private void run() {
            while (running) {
                long started = System.nanoTime();
                boolean served = false;
                try {
                    served = operation.call();
                    if (!served) {
                        degraded.incrementAndGet();
                    }
                } catch (Exception | AssertionError e) {
                    errors.incrementAndGet();
                    lastErrorNanos = System.nanoTime();
                    recoveredNanos = 0; // served again only after the last error
                    errorKinds.computeIfAbsent(kind(e), k -> new AtomicLong()).incrementAndGet();
                }
                long now = System.nanoTime();
                calls.incrementAndGet();
                maxNanos.accumulateAndGet(now - started, Math::max);
                // a call that began before the mark, or before the last error, does not show recovery
                if (served && markNanos != 0 && recoveredNanos == 0 && started > markNanos && started > lastErrorNanos) {
                    recoveredNanos = now;
                }
                sleep(pause);
            }
        }

        private void markRecovery(long now) {
            recoveredNanos = 0;
            markNanos = now;
        }

        boolean recovered() {
            return recoveredNanos != 0;
        }

        /** From the mark to the end of the first call served through Redis after it, or -1 if none was. */
        long recoveryMillis() {
            return recovered() ? (recoveredNanos - markNanos) / 1_000_000 : -1;
        }

        private void noteRecovery() {
            worstRecoveryMillis = recovered() ? Math.max(worstRecoveryMillis, recoveryMillis()) : Long.MAX_VALUE;
        }

        long maxMillis() {
            return maxNanos.get() / 1_000_000;
        }

        Set<String> errorKinds() {
            Map<String, Long> counts = new LinkedHashMap<>();
            errorKinds.forEach((kind, count) -> counts.put(kind, count.get()));
            return counts.entrySet().stream().map(e -> e.getValue() + "x " + e.getKey())
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }

        /** {@code name: calls, errors, degraded, recovery, slowest}: the figures of one stream for a tagged line. */
        String summary() {
            return String.format(Locale.ROOT, "%s %d calls, %d errors, %d without Redis, served again after %s, slowest %d ms",
                    name, calls.get(), errors.get(), degraded.get(),
                    recoveryFigure(), maxMillis());
        }

        /** The worst recovery noted, else the current one. */
        private String recoveryFigure() {
            long worst = Math.max(worstRecoveryMillis, recoveryMillis());
            return worstRecoveryMillis == Long.MAX_VALUE || worst < 0 ? "(not yet)" : worst + " ms";
        }
    }

    /** The outermost exception's class and the innermost cause's message, cut short. */
    static String kind(Throwable failure) {
        Throwable inner = failure;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        String message = String.valueOf(inner.getMessage()).replaceAll("\\d+", "N");
        return failure.getClass().getSimpleName() + (inner == failure ? "" : "/" + inner.getClass().getSimpleName())
                + ": " + (message.length() > 90 ? message.substring(0, 90) + "..." : message);
    }

    /** Whether {@code node} answers that it is a master; false while it cannot be reached. Connects anew each time. */
    static boolean isMaster(RedisNode node) {
        try (RedisCommands commands = node.connect()) {
            return "master".equals(commands.info("replication").get("role"));
        } catch (UncheckedIOException | RedisReplyException notNow) {
            return false; // a promotion closes client connections
        }
    }

    /** Starts {@code body} on a daemon thread named {@code name}. */
    static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
        return true;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Prints a tagged line with a test's figures, as docs/reliability.md quotes them. */
    static void report(String line) {
        System.out.println("[reliability] " + line);
    }
}
