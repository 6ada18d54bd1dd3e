package org.redisee.it.lock;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.redisee.lock.Locked;
import org.redisson.api.RedissonClient;

import java.time.Duration;

/**
 * A timer every second on each server ("node"), under one cluster-wide lock: per tick, one run across the nodes. A run
 * counts itself under its tick (the nearest second) and the node it ran on ({@code it.node}, a system property of the
 * server). It returns quickly, so the nodes' ticks, a little apart, are kept from running twice by {@code atMostEvery}.
 */
@Singleton
public class LockedTimer {

    static final String NODE = System.getProperty("it.node", "arquillian");

    @Inject
    RedissonClient redis;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @Locked(name = "it-tick", atMostEvery = "800ms")
    void tick() throws InterruptedException {
        long tick = Math.round(System.currentTimeMillis() / 1000.0);
        var runs = redis.getAtomicLong("it-locks:runs:" + tick);
        runs.incrementAndGet();
        runs.expire(Duration.ofMinutes(5));
        var ranHere = redis.getAtomicLong("it-locks:ran-on:" + NODE);
        ranHere.incrementAndGet();
        ranHere.expire(Duration.ofMinutes(5));
        Thread.sleep(100);
    }
}
