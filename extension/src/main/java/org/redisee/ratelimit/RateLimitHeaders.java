package org.redisee.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP headers of a decision: {@code Retry-After} (when rejected) and the IETF {@code RateLimit-Limit},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset} and {@code RateLimit-Policy}. Times are whole seconds, rounded
 * up, at least 1: a client that waits that long is not rejected for waiting too little.
 */
public final class RateLimitHeaders {

    /**
     * The request attribute (and so the JAX-RS request property) that holds an allowed call's headers, a
     * {@code Map<String, String>}, when the limit has {@code response-headers=true}.
     */
    public static final String ATTRIBUTE = "org.redisee.ratelimit.headers";

    private RateLimitHeaders() {
    }

    public static Map<String, String> of(RateLimitPolicy policy, RateLimitDecision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!decision.allowed()) {
            headers.put("Retry-After", Long.toString(seconds(decision.retryAfter())));
        }
        headers.put("RateLimit-Limit", Long.toString(decision.limit()));
        headers.put("RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.put("RateLimit-Reset", Long.toString(seconds(decision.reset())));
        headers.put("RateLimit-Policy", policy.headerValue());
        return headers;
    }

    static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
