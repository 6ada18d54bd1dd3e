package org.redisee.event;

import org.redisee.metrics.RedisMetrics;

import java.util.Map;

/** A topic's metrics, tagged {@code topic}. */
final class EventMeters {

    final RedisMetrics.Counter published;
    final RedisMetrics.Counter received;
    final RedisMetrics.Counter failed;

    EventMeters(RedisMetrics metrics, String topic) {
        Map<String, String> tags = Map.of("topic", topic);
        published = metrics.counter("redisee.topic.published", "Events published to Redis", tags);
        received = metrics.counter("redisee.topic.received", "Events from other nodes delivered to observers", tags);
        failed = metrics.counter("redisee.topic.failed",
                "Messages skipped (malformed, or of a type no observer has) and deliveries that failed", tags);
    }
}
