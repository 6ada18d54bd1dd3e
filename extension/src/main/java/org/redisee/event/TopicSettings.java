package org.redisee.event;

/**
 * {@code redisee.topic.<name>.*}.
 *
 * @param afterCommit events fired in a JTA transaction are published once it commits, and not at all after a
 *                    rollback (default); false: at once
 * @param ordered     each observer hears one publisher's events in the order they were fired (default); false:
 *                    events are dispatched in parallel
 * @param sharded     sharded pub/sub ({@code SPUBLISH}) on Redis Cluster 7+
 * @param client      the Redis client
 * @param reliable    on a Redis stream instead of pub/sub: a node that was away catches up on what it missed
 * @param retention   with {@code reliable}: how long the stream keeps events
 * @param confirm     {@code fire} returns once Redis has taken the event, and throws if it did not (default); false:
 *                    once the event is queued for Redis, which lets one thread's events share round trips
 */
public record TopicSettings(String name, boolean afterCommit, boolean ordered, boolean sharded, String client,
                            boolean reliable, java.time.Duration retention, boolean confirm) {

    /** A topic nothing configures. */
    static TopicSettings defaults(String name) {
        return new TopicSettings(name, true, true, false, org.redisee.Redis.DEFAULT, false, java.time.Duration.ofHours(1), true);
    }
}
