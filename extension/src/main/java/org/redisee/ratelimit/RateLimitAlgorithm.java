package org.redisee.ratelimit;

/**
 * How a limit of {@code limit} permits per {@code window} is enforced. Each decision is one Lua script in Redis that
 * reads the clock with {@code TIME}, so the clocks of the application servers do not matter, and keeps O(1) state per
 * key: one small hash or one number, which expires within about one window (two for the sliding window).
 *
 * <p>Every script takes {@code KEYS[1]} and {@code ARGV = limit, window in microseconds, permits}, and returns
 * {@code {allowed (1 or 0), remaining, retry-after in microseconds, reset in microseconds}}. Permits 0 reads the
 * status without taking anything.
 */
public enum RateLimitAlgorithm {

    /**
     * A counter per fixed window (aligned to multiples of the window on Redis's clock). Exact within each window;
     * up to twice the limit can pass across a window boundary.
     */
    FIXED_WINDOW(Lua.PREAMBLE + """
            local index = math.floor(now / window)
            local state = redis.call('HMGET', KEYS[1], 'w', 'c')
            local count = 0
            local same = tonumber(state[1]) == index
            if same then count = tonumber(state[2]) end
            local reset = (index + 1) * window - now
            if count + permits > limit then
              return {0, math.max(limit - count, 0), reset, reset}
            end
            if permits > 0 then
              redis.call('HSET', KEYS[1], 'w', index, 'c', count + permits)
              -- the expiry is set once per window, when the window starts
              if not same then redis.call('PEXPIRE', KEYS[1], math.max(math.ceil(reset / 1000), 1)) end
            end
            return {1, limit - count - permits, 0, reset}
            """),

    /**
     * The counter approximation of a sliding window: the current window's count plus the previous window's count
     * weighted by how much of it the sliding window still covers. It assumes the previous window's calls were spread
     * evenly; with bursty traffic the admitted count over any window can differ from the limit by up to the
     * previous window's count times the error of that assumption (in practice a few percent; see docs).
     */
    SLIDING_WINDOW(Lua.PREAMBLE + """
            local index = math.floor(now / window)
            local elapsed = now - index * window
            local state = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
            local current, previous = 0, 0
            local stored = tonumber(state[1])
            if stored == index then
              current, previous = tonumber(state[2]), tonumber(state[3]) or 0
            elseif stored == index - 1 then
              previous = tonumber(state[2])
            end
            local weight = (window - elapsed) / window
            local used = math.floor(previous * weight) + current
            local reset = window - elapsed
            if used + permits > limit then
              local retry = reset
              if previous > 0 and limit - current - permits >= 0 then
                -- the previous window's share shrinks as time passes: wait until enough of it has slid out
                local needed = 1 - (limit - current - permits) / previous
                retry = math.max(math.ceil(needed * window - elapsed), 1)
              end
              return {0, math.max(limit - used, 0), retry, reset}
            end
            if permits > 0 then
              redis.call('HSET', KEYS[1], 'w', index, 'c', current + permits, 'p', previous)
              -- the expiry is set once per window, when the window starts
              if stored ~= index then redis.call('PEXPIRE', KEYS[1], math.ceil((reset + window) / 1000)) end
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
                redis.replicate_commands()
                local clock = redis.call('TIME')
                local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
                local limit, window, permits = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
                """;
    }
}
