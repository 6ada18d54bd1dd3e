package org.redisee.sample.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.redisee.sample.RealRedis;
import org.redisson.client.codec.StringCodec;

class SessionBlacklistTest extends RealRedis {

    private final SessionBlacklist blacklist = new SessionBlacklist(redis, keys);

    @Test
    void refusesALoggedOutSessionUntilItWouldHaveExpired() throws InterruptedException {
        blacklist.add("s-30m", "ada", Duration.ofMinutes(30));
        blacklist.add("s-short", "bob", Duration.ofMillis(200));

        assertTrue(blacklist.contains("s-30m"));
        assertTrue(blacklist.contains("s-short"));
        assertFalse(blacklist.contains("s-other"));
        long ttl = ttlMillis(keys.blacklist("s-30m"));
        assertTrue(ttl > Duration.ofMinutes(29).toMillis() && ttl <= Duration.ofMinutes(30).toMillis(), "TTL " + ttl);
        assertEquals("ada", redis.getBucket(keys.blacklist("s-30m"), StringCodec.INSTANCE).get());

        Thread.sleep(400);

        assertFalse(blacklist.contains("s-short"));
        assertTrue(blacklist.contains("s-30m"));
    }
}
