package org.redisee.ratelimit;

import java.time.Duration;

/**
 * A call over its rate limit. JAX-RS answers it with HTTP 429, {@code Retry-After} and the {@code RateLimit-*} headers
 * ({@link RateLimitExceededMapper}); other callers can read the same values here.
 */
public class RateLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RateLimitPolicy policy;
    private final transient RateLimitDecision decision;

    public RateLimitExceededException(RateLimitPolicy policy, RateLimitDecision decision) {
        super("Rate limit '" + policy.name() + "' of " + policy.limit() + " per " + policy.window()
                + " exceeded; retry after " + decision.retryAfter().toMillis() + " ms");
        this.policy = policy;
        this.decision = decision;
    }

    public RateLimitPolicy policy() {
        return policy;
    }

    public RateLimitDecision decision() {
        return decision;
    }

    public Duration retryAfter() {
        return decision.retryAfter();
    }

    public long remaining() {
        return decision.remaining();
    }
}
