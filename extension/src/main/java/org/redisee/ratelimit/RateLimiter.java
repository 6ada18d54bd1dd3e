package org.redisee.ratelimit;

/** A named limit, for code that decides itself: {@code limiter.tryAcquire(clientIp, 1).allowed()}. */
public interface RateLimiter {

    RateLimitPolicy policy();

    /** Takes {@code permits} (0 to the limit) for {@code key} if the limit allows; one round trip to Redis. */
    RateLimitDecision tryAcquire(String key, int permits);

    /** The current state for {@code key}, taking nothing. */
    RateLimitDecision status(String key);

    /** Forgets {@code key}: its next call starts with the full limit. */
    void reset(String key);
}
