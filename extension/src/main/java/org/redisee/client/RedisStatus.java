package org.redisee.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the last probe of a client saw: reachable or not and why, PING latency, and the nodes it knows.
 * For a single server {@code masters} is 1 and {@code replicas} 0.
 */
public record RedisStatus(String client, boolean reachable, String topology, String target,
                          Optional<Duration> latency, int masters, int replicas, String reason, Instant checkedAt) {

    static RedisStatus notYetChecked(RedisClientSettings settings) {
        return new RedisStatus(settings.name(), false, topologyName(settings), settings.describe(),
                Optional.empty(), 0, 0, "not checked yet", Instant.now());
    }

    static String topologyName(RedisClientSettings settings) {
        return settings.topology().name().toLowerCase().replace('_', '-');
    }
}
