package org.redisee.ratelimit;

/**
 * How a limit of {@code limit} permits per {@code window} is enforced. Each decision is one Lua script in Redis that
 * reads the clock with {@code TIME}, so the clocks of the application servers do not matter, and keeps O(1) state per
 * key: one small hash or one number, which expires within about one window (two for the sliding window). Scripts
 * replicate their effects (the default since Redis 5), so reading the clock is safe on replicas.
 *
 * <p>Every script takes {@code KEYS[1]} and {@code ARGV = limit, window in microseconds, permits}, and returns
 * {@code {allowed (1 or 0), remaining, retry-after in microseconds, reset in microseconds}}. Permits 0 reads the
 * status without taking anything.
 */
public enum RateLimitAlgorithm {

    /**
     * A counter per fixed window (aligned to multiples of the window on Redis's clock): one number that expires when
     * its window ends. Exact within each window; up to twice the limit can pass across a window boundary.
     */
    FIXED_WINDOW(Lua.PREAMBLE + """
            local reset = window - now % window
            local count
            if permits == 0 then
              count = tonumber(redis.call('GET', KEYS[1])) or 0
            else
              -- counting first keeps an allowed decision to one write; a rejected one takes its permits back
              count = redis.call('INCRBY', KEYS[1], permits)
              if count > limit then
                redis.call('DECRBY', KEYS[1], permits)
                return {0, math.max(limit - count + permits, 0), reset, reset}
              end
              if count == permits then
                -- the window's first permits: the counter ends with the window (Redis expiries are in milliseconds)
                redis.call('PEXPIREAT', KEYS[1], math.floor((now + reset) / 1000) - 1)
              end
            end
            return {1, limit - count, 0, reset}
            """),

    /**
     * The counter approximation of a sliding window: the current window's count plus the previous window's count
     * weighted by how much of it the sliding window still covers. It assumes the previous window's calls were spread
     * evenly; with bursty traffic the admitted count over any window can differ from the limit by up to the
     * previous window's count times the error of that assumption (in practice a few percent; see docs).
     *
     * <p>State: one hash with a count per window index, at most the current and the previous window.
     */
    SLIDING_WINDOW(Lua.PREAMBLE + """
            local elapsed = now % window
            local index = (now - elapsed) / window
            local counts = redis.call('HMGET', KEYS[1], index - 1, index)
            local previous, current = tonumber(counts[1]) or 0, tonumber(counts[2]) or 0
            local reset = window - elapsed
            local used = math.floor(previous * reset / window) + current
            if used + permits > limit then
              local retry = reset
              if previous > 0 and limit - current - permits >= 0 then
                -- the previous window's share shrinks as time passes: wait until enough of it has slid out
                retry = math.max(math.ceil((1 - (limit - current - permits) / previous) * window - elapsed), 1)
              end
              return {0, math.max(limit - used, 0), retry, reset}
            end
            if permits > 0 then
              redis.call('HINCRBY', KEYS[1], index, permits)
              if current == 0 then
                -- once per window: drop the window before the previous one, and live until the next one ends
                redis.call('HDEL', KEYS[1], index - 2)
                redis.call('PEXPIRE', KEYS[1], math.ceil((reset + window) / 1000))
              end
            end
            return {1, limit - used - permits, 0, reset}
            """),

    /**
     * A token bucket as the generic cell rate algorithm (GCRA): the bucket holds {@code limit} permits and refills
     * one every {@code window / limit}. One number per key: the theoretical arrival time of the next permit.
     */
    TOKEN_BUCKET(Lua.PREAMBLE + """
            local interval = window / limit
            local tat = tonumber(redis.call('GET', KEYS[1])) or now
            if tat < now then tat = now end
            local next_tat = tat + interval * permits
            local allow_at = next_tat - window
            if allow_at > now then
              return {0, math.max(math.floor((window - (tat - now)) / interval), 0), math.ceil(allow_at - now), math.ceil(tat - now)}
            end
            if permits > 0 then
              redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.max(math.ceil((next_tat - now) / 1000), 1))
            end
            return {1, math.floor((window - (next_tat - now)) / interval), 0, math.ceil(next_tat - now)}
            """);

    private final String script;

    RateLimitAlgorithm(String script) {
        this.script = script;
    }

    String script() {
        return script;
    }

    private static final class Lua {
        /** What every script starts with: Redis's clock in microseconds, and the arguments. */
        static final String PREAMBLE = """
                local clock = redis.call('TIME')
                local now = clock[1] * 1000000 + clock[2]
                local limit, window, permits = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
                """;
    }
}
