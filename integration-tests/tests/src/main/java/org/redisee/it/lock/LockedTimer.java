package org.redisee.it.lock;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.redisee.lock.Locked;
import org.redisson.api.RedissonClient;

import java.time.Duration;

/**
 * A timer every second in each deployment ("node"), under one cluster-wide lock: per tick, one run across the nodes.
 * Each run counts itself under the tick's second in Redis, and holds the lock long enough for the other node's timer
 * of the same tick to find it held.
 */
@Singleton
public class LockedTimer {

    @Inject
    RedissonClient redis;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @Locked(name = "it-tick")
    void tick() throws InterruptedException {
        long second = System.currentTimeMillis() / 1000;
        var runs = redis.getAtomicLong("it-locks:runs:" + second);
        runs.incrementAndGet();
        runs.expire(Duration.ofMinutes(5));
        Thread.sleep(800);
    }
}
