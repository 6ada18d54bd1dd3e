package org.redisee.ratelimit;

import org.redisee.client.ManagedRedisClient;
import org.redisee.client.RedisCircuit;
import org.redisee.client.RedisKeys;
import org.redisee.metrics.RedisMetrics;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One limit in Redis: every decision is one script, one round trip ({@code EVALSHA}, since the client caches
 * scripts). Keys are {@code <prefix>:ratelimit:{<limit>:<key>}}, in one cluster slot each, and expire within about
 * one window. While the client's circuit is open, decisions do not touch Redis: the limit's {@code fail-open} setting
 * decides at once.
 */
public final class RedisRateLimiter implements RateLimiter {

    private static final Logger LOG = Logger.getLogger(RedisRateLimiter.class.getName());

    private final RateLimitPolicy policy;
    private final ManagedRedisClient client;
    private final String keyPrefix;
    private final Meters meters;

    public RedisRateLimiter(RateLimitPolicy policy, ManagedRedisClient client, String prefix, RedisMetrics metrics) {
        this.policy = policy;
        this.client = client;
        this.keyPrefix = prefix + ":ratelimit:{" + policy.name() + ":";
        this.meters = new Meters(metrics, policy.name());
    }

    @Override
    public RateLimitPolicy policy() {
        return policy;
    }

    @Override
    public RateLimitDecision tryAcquire(String key, int permits) {
        if (permits < 0 || permits > policy.limit()) {
            throw new IllegalArgumentException("Limit " + policy.name() + ": permits must be from 0 to "
                    + policy.limit() + ", was " + permits);
        }
        long started = System.nanoTime();
        try {
            RateLimitDecision decision = client.circuit().isOpen() ? undecided() : decide(key, permits);
            if (permits > 0) {
                (decision.allowed() ? meters.allowed : meters.rejected).increment();
            }
            return decision;
        } finally {
            meters.latency.record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private RateLimitDecision decide(String key, int permits) {
        String redisKey = redisKey(key);
        List<Object> result;
        try {
            result = client.redisson().getScript(StringCodec.INSTANCE).eval(redisKey, RScript.Mode.READ_WRITE,
                    policy.algorithm().script(), RScript.ReturnType.LIST, List.of(redisKey),
                    Long.toString(policy.limit()), Long.toString(policy.window().toNanos() / 1000), Integer.toString(permits));
        } catch (RuntimeException e) {
            meters.errors.increment();
            if (!client.circuit().recordFailure(e)) {
                throw e; // not an outage: a bug that should be seen
            }
            LOG.log(Level.WARNING, "Rate limit " + policy.name() + ": Redis unavailable, "
                    + (policy.failOpen() ? "allowing" : "rejecting") + " calls: " + RedisCircuit.describe(e));
            return undecided();
        }
        return new RateLimitDecision(number(result.get(0)) == 1, policy.limit(), number(result.get(1)),
                micros(number(result.get(2))), micros(number(result.get(3))), true);
    }

    /** Redis cannot be asked: fail-open allows, otherwise the call is rejected and may retry after a probe. */
    private RateLimitDecision undecided() {
        meters.failOpen.increment();
        return policy.failOpen()
                ? new RateLimitDecision(true, policy.limit(), policy.limit(), Duration.ZERO, Duration.ZERO, false)
                : new RateLimitDecision(false, policy.limit(), 0, Duration.ofSeconds(1), Duration.ofSeconds(1), false);
    }

    @Override
    public RateLimitDecision status(String key) {
        return tryAcquire(key, 0);
    }

    @Override
    public void reset(String key) {
        client.redisson().getBucket(redisKey(key)).delete();
    }

    /** The Redis key of {@code key} under this limit. */
    public String redisKey(String key) {
        return keyPrefix + RedisKeys.hashTagSafe(key) + "}";
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(Math.max(micros, 0) * 1000);
    }

    private static final class Meters {
        final RedisMetrics.Counter allowed;
        final RedisMetrics.Counter rejected;
        final RedisMetrics.Counter errors;
        final RedisMetrics.Counter failOpen;
        final RedisMetrics.Timer latency;

        Meters(RedisMetrics metrics, String limit) {
            Map<String, String> tags = Map.of("limit", limit);
            allowed = metrics.counter("redisee.ratelimit.allowed", "Calls the limit allowed", tags);
            rejected = metrics.counter("redisee.ratelimit.rejected", "Calls the limit rejected", tags);
            errors = metrics.counter("redisee.ratelimit.errors", "Redis errors seen by the limit", tags);
            failOpen = metrics.counter("redisee.ratelimit.undecided", "Decisions made without Redis, by fail-open", tags);
            latency = metrics.timer("redisee.ratelimit.decision", "Time to decide", tags);
        }
    }
}
