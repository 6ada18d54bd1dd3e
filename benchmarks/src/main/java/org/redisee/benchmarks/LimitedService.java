package org.redisee.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import org.redisee.ratelimit.RateLimitAlgorithm;
import org.redisee.ratelimit.RateLimited;

/** Rate-limited methods with limits (a million a second) too high to reject, so every call measures a decision. */
@ApplicationScoped
public class LimitedService {

    @RateLimited(name = "bench-sliding", limit = 1_000_000, window = "PT1S")
    public int sliding() {
        return 1;
    }

    @RateLimited(name = "bench-bucket", limit = 1_000_000, window = "PT1S", algorithm = RateLimitAlgorithm.TOKEN_BUCKET)
    public int bucket() {
        return 1;
    }

    @RateLimited(name = "bench-fixed", limit = 1_000_000, window = "PT1S", algorithm = RateLimitAlgorithm.FIXED_WINDOW)
    public int fixed() {
        return 1;
    }
}
