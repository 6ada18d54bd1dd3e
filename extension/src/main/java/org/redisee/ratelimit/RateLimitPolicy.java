package org.redisee.ratelimit;

import java.time.Duration;

/**
 * A named limit: {@code limit} permits per {@code window}, enforced by {@code algorithm}.
 *
 * @param failOpen whether calls are allowed (true) or rejected (false) while Redis cannot be asked
 * @param client   the Redis client the limit uses
 * @param responseHeaders whether allowed HTTP calls also get the {@link RateLimitHeaders} (rejected ones always do)
 */
public record RateLimitPolicy(String name, long limit, Duration window, RateLimitAlgorithm algorithm, boolean failOpen,
                              String client, boolean responseHeaders) {

    /** The IETF {@code RateLimit-Policy} value: {@code 100;w=60}. */
    public String headerValue() {
        return limit + ";w=" + Math.max(1, window.toSeconds());
    }
}
