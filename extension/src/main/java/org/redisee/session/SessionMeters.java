package org.redisee.session;

import org.redisee.metrics.RedisMetrics;

import java.util.Map;

/** The sessions' metrics, under {@code redisee.session.*}. */
public final class SessionMeters {

    final RedisMetrics.Counter localHits;
    final RedisMetrics.Counter loads;
    final RedisMetrics.Counter writes;
    final RedisMetrics.Counter errors;
    final RedisMetrics.Counter refused;
    final RedisMetrics.Counter created;
    final RedisMetrics.Counter expired;

    public SessionMeters(RedisMetrics metrics) {
        Map<String, String> none = Map.of();
        localHits = metrics.counter("redisee.session.local-hits", "Session reads served by the node's local copy", none);
        loads = metrics.counter("redisee.session.loads", "Session reads from Redis", none);
        writes = metrics.counter("redisee.session.writes", "Requests that wrote their session to Redis", none);
        errors = metrics.counter("redisee.session.errors", "Session operations that failed because of Redis", none);
        refused = metrics.counter("redisee.session.refused-attributes",
                "Session attributes not read: a class the allow-list refuses, or data that cannot be decrypted", none);
        created = metrics.counter("redisee.session.created", "Sessions created", none);
        expired = metrics.counter("redisee.session.expired", "Sessions the expiry sweep ended", none);
    }
}
