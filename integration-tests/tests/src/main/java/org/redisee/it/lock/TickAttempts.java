package org.redisee.it.lock;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.redisson.api.RedissonClient;

import java.time.Duration;

/** Counts each node's ticks, locked or not: shows that both nodes' timers run while one run per tick happens. */
@Singleton
public class TickAttempts {

    @Inject
    RedissonClient redis;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void attempt() {
        var attempts = redis.getAtomicLong("it-locks:attempts:" + LockedTimer.NODE);
        attempts.incrementAndGet();
        attempts.expire(Duration.ofMinutes(5));
    }
}
