package org.redisee.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The metrics facade. Capabilities only record; an adapter maps records to the metrics system the server has
 * (MicroProfile Metrics on Payara, Micrometer on WildFly), or drops them when there is none.
 * Names are dotted ({@code redisee.client.connected}); tags are small, fixed sets such as {@code client=default}.
 * {@link #close()} removes every meter this instance registered, so an undeployed application leaves none behind.
 */
public interface RedisMetrics extends AutoCloseable {

    /** A value read when the metrics system scrapes. */
    void gauge(String name, String description, Map<String, String> tags, DoubleSupplier value);

    Counter counter(String name, String description, Map<String, String> tags);

    Timer timer(String name, String description, Map<String, String> tags);

    /** Which metrics system receives the records, for logs and diagnostics. */
    String backend();

    @Override
    void close();

    interface Counter {
        void increment();
    }

    interface Timer {
        void record(Duration duration);
    }

    /** Records nothing: the server has no metrics system, or metrics are switched off. */
    RedisMetrics NONE = new RedisMetrics() {
        @Override
        public void gauge(String name, String description, Map<String, String> tags, DoubleSupplier value) {
        }

        @Override
        public Counter counter(String name, String description, Map<String, String> tags) {
            return () -> { };
        }

        @Override
        public Timer timer(String name, String description, Map<String, String> tags) {
            return duration -> { };
        }

        @Override
        public String backend() {
            return "none";
        }

        @Override
        public void close() {
        }
    };
}
