package org.redisee.event;

import org.redisee.metrics.RedisMetrics;

import java.util.Map;

/** A topic's metrics, tagged {@code topic}. */
final class EventMeters {

    final RedisMetrics.Counter published;
    final RedisMetrics.Counter received;
    final RedisMetrics.Counter failed;
    final RedisMetrics.Counter unsent;
    final RedisMetrics.Timer lag;
    private final RedisMetrics metrics;
    private final Map<String, String> tags;

    EventMeters(RedisMetrics metrics, String topic) {
        this.metrics = metrics;
        this.tags = Map.of("topic", topic);
        published = metrics.counter("redisee.topic.published", "Events published to Redis", tags);
        received = metrics.counter("redisee.topic.received", "Events from other nodes delivered to observers", tags);
        failed = metrics.counter("redisee.topic.failed",
                "Messages skipped (malformed, or of a type no observer has) and deliveries that failed", tags);
        unsent = metrics.counter("redisee.topic.unsent", "Events fired here that Redis did not take", tags);
        lag = metrics.timer("redisee.topic.lag",
                "Reliable topics: from the event's addition to the stream to its delivery on this node", tags);
    }

    /** The publisher's queue, once the topic has one. */
    void queued(java.util.function.IntSupplier queued) {
        metrics.gauge("redisee.topic.queued", "Events fired here and waiting for Redis", tags, queued::getAsInt);
    }
}
