package org.redisee.reliability;

import org.redisee.client.RedisCircuit;

/** Watches a client's circuit: how often it opened and for how long in all, polled every 10 ms. */
final class CircuitWatch implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;
    private volatile int openings;
    private volatile long openNanos;

    CircuitWatch(RedisCircuit circuit) {
        thread = Load.daemon("reliability-circuit-watch", () -> {
            boolean wasOpen = false;
            long last = System.nanoTime();
            while (running) {
                boolean open = circuit.isOpen();
                long now = System.nanoTime();
                if (open && !wasOpen) {
                    openings++;
                }
                if (open && wasOpen) {
                    openNanos += now - last;
                }
                wasOpen = open;
                last = now;
                Load.sleep(java.time.Duration.ofMillis(10));
            }
        });
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code "circuit opened N times, open X ms"}. */
    String summary() {
        return "circuit opened " + openings + (openings == 1 ? " time" : " times") + ", open " + openNanos / 1_000_000 + " ms";
    }
}
