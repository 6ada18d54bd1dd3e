package org.redisee.ratelimit;

import java.time.Duration;

/**
 * The outcome of one decision.
 *
 * @param allowed    whether the permits were granted
 * @param limit      the policy's limit per window
 * @param remaining  permits left now (after this decision)
 * @param retryAfter when a rejected call could succeed; zero when allowed
 * @param reset      when the limit is fully available again (the window's end, or a full bucket)
 * @param decided    false when Redis could not be asked and the limit's {@code fail-open} setting decided
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, Duration retryAfter, Duration reset,
                                boolean decided) {
}
