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
 */
public record TopicSettings(String name, boolean afterCommit, boolean ordered, boolean sharded, String client) {
}
