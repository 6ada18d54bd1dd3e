package org.redisee.reliability;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes one of a set of keys every {@code interval}, asynchronously, so that a write stalled by a failover does not
 * delay the next, and records when each began and ended and whether it failed: the time writes succeed again after a
 * fault is known to the interval, not to a stalled call.
 */
final class WriteProbe implements AutoCloseable {

    record Write(long startNanos, long endNanos, Throwable failure) {
    }

    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<?>> pending = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    WriteProbe(RedissonClient redis, List<String> keys, Duration interval) {
        thread = Load.daemon("reliability-writes", () -> {
            for (long i = 0; running; i++) {
                long started = System.nanoTime();
                CompletableFuture<Void> write = redis.<String>getBucket(keys.get((int) (i % keys.size())), StringCodec.INSTANCE)
                        .setAsync("v" + i).toCompletableFuture();
                pending.add(write);
                write.whenComplete((ok, failure) -> {
                    writes.add(new Write(started, System.nanoTime(), failure));
                    pending.remove(write);
                });
                Load.sleep(interval);
            }
        });
    }

    /**
     * After a failover: waits until a write begun after {@code faultNanos} succeeds (asserting it does within 30 s), then
     * for every stream of {@code load} to be served again, and returns the time from the fault to that first success.
     */
    long awaitWritesBack(long faultNanos, Load load) {
        assertTrue(Load.await(Duration.ofSeconds(30), () -> succeededAfter(faultNanos)), "writes succeed again within 30 s");
        load.awaitRecovered(Duration.ofSeconds(15));
        Load.sleep(Duration.ofMillis(500));
        return firstSuccessAfter(faultNanos).orElseThrow() - faultNanos;
    }

    /** Stops writing and waits for the writes on their way; throws if one has not ended after {@link Load#HANG}. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Load.HANG.toMillis());
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                    .get(Load.HANG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("writes still running " + Load.HANG.toSeconds() + " s after the probe stopped: " + e, e);
        }
    }

    /** The end of the first successful write begun after {@code nanos}, if any. */
    Optional<Long> firstSuccessAfter(long nanos) {
        return writes.stream().filter(w -> w.startNanos > nanos && w.failure == null).map(Write::endNanos).min(Long::compare);
    }

    /** Whether a write begun after {@code nanos} succeeded. */
    boolean succeededAfter(long nanos) {
        return firstSuccessAfter(nanos).isPresent();
    }

    long writesAfter(long nanos) {
        return writes.stream().filter(w -> w.startNanos > nanos).count();
    }

    long failuresAfter(long nanos) {
        return writes.stream().filter(w -> w.startNanos > nanos && w.failure != null).count();
    }

    /** The longest a write begun after {@code nanos} took, failed or not. */
    long slowestMillisAfter(long nanos) {
        return writes.stream().filter(w -> w.startNanos > nanos).mapToLong(w -> (w.endNanos - w.startNanos) / 1_000_000).max().orElse(0);
    }

    /** The kinds of failure after {@code nanos}, with their counts. */
    Map<String, Long> failureKindsAfter(long nanos) {
        Map<String, Long> kinds = new TreeMap<>();
        writes.stream().filter(w -> w.startNanos > nanos && w.failure != null)
                .forEach(w -> kinds.merge(Load.kind(w.failure), 1L, Long::sum));
        return kinds;
    }
}
