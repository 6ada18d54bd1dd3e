package org.redisee.ratelimit;

import org.redisee.Redis;
import org.redisee.client.ConfigValues;
import org.redisee.client.RedisClientSettingsReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code redisee.ratelimit.<name>.*}, which overrides the values of {@link RateLimited} at deployment. */
public final class RateLimitSettingsReader {

    static final String PREFIX = RedisClientSettingsReader.PREFIX + "ratelimit.";
    static final Set<String> KEYS = Set.of("limit", "window", "algorithm", "fail-open", "client", "response-headers");
    static final Set<String> GLOBAL_KEYS = Set.of("trusted-proxies", "response-headers");
    private static final Map<String, RateLimitAlgorithm> ALGORITHMS = Map.of(
            "sliding-window", RateLimitAlgorithm.SLIDING_WINDOW,
            "token-bucket", RateLimitAlgorithm.TOKEN_BUCKET,
            "fixed-window", RateLimitAlgorithm.FIXED_WINDOW);

    private final ConfigValues values;

    public RateLimitSettingsReader(ConfigValues values) {
        this.values = values;
    }

    /** The limits that configuration names; unknown keys are reported as problems. */
    public Set<String> configuredLimits() {
        return values.namedEntries(PREFIX, KEYS, GLOBAL_KEYS, "rate limit");
    }

    /**
     * The policy of limit {@code name}: configuration over the annotation's values.
     *
     * @param annotation the method's annotation, or null for a limit only the configuration declares
     * @param declaredAt where the annotation is, for messages
     */
    public RateLimitPolicy read(String name, RateLimited annotation, String declaredAt) {
        String p = PREFIX + name + ".";
        long annotatedLimit = annotation == null ? 0 : annotation.limit();
        long limit = values.integer(p + "limit", (int) Math.min(annotatedLimit, Integer.MAX_VALUE), 1, Integer.MAX_VALUE);
        if (limit < 1) {
            values.problem("Rate limit '" + name + "'" + (declaredAt == null ? "" : " (" + declaredAt + ")")
                    + " has no limit: set " + p + "limit, or limit in @RateLimited");
        }
        Duration annotatedWindow = Duration.ofMinutes(1);
        if (annotation != null) {
            annotatedWindow = ConfigValues.parseDuration(annotation.window());
            if (annotatedWindow == null || annotatedWindow.isNegative() || annotatedWindow.isZero()) {
                values.problem("@RateLimited(window = \"" + annotation.window() + "\") on " + declaredAt
                        + ": expected a positive duration: ISO-8601 (PT1M) or a number with a unit (60s, 1m)");
                annotatedWindow = Duration.ofMinutes(1);
            }
        }
        Duration window = values.duration(p + "window", annotatedWindow);
        if (window.toNanos() % 1_000_000 != 0) {
            values.problem(p + "window=" + window + " is not a whole number of milliseconds, the unit of Redis expiries");
        } else if (window.toNanos() / 1000 < limit) {
            values.problem(p + "window=" + window + " is too short for " + limit + " permits: the finest unit is a microsecond per permit");
        }
        RateLimitAlgorithm algorithm = values.choice(p + "algorithm",
                annotation == null ? RateLimitAlgorithm.SLIDING_WINDOW : annotation.algorithm(), ALGORITHMS);
        return new RateLimitPolicy(name, limit, window, algorithm, values.bool(p + "fail-open", true),
                values.string(p + "client", Redis.DEFAULT),
                values.bool(p + "response-headers", responseHeadersByDefault()));
    }

    /** {@code redisee.ratelimit.response-headers}: the default of every limit's {@code response-headers}. */
    public boolean responseHeadersByDefault() {
        return values.bool(PREFIX + "response-headers", false);
    }

    /** {@code redisee.ratelimit.trusted-proxies}: addresses or CIDR ranges whose {@code X-Forwarded-For} is believed. */
    public TrustedProxies trustedProxies() {
        List<String> entries = values.list(PREFIX + "trusted-proxies");
        try {
            return TrustedProxies.of(entries);
        } catch (IllegalArgumentException e) {
            values.problem(PREFIX + "trusted-proxies", String.join(",", entries),
                    "IP addresses or CIDR ranges such as 10.0.0.0/8,192.168.1.10 (" + e.getMessage() + ")");
            return TrustedProxies.of(List.of());
        }
    }
}
