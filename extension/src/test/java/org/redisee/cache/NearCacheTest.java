package org.redisee.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The near cache's own rules, without Redis: size bound, least recently read first out, TTL, cached nulls. */
class NearCacheTest {

    @Test
    void staysWithinItsSizeAndKeepsWhatIsRead() throws InterruptedException {
        NearCache near = new NearCache(new CacheSettings.NearCacheSettings(100, Duration.ofMinutes(1)));
        for (int i = 0; i < 100; i++) {
            near.put("k" + i, i);
        }
        Thread.sleep(5); // past the read-time granularity
        near.get("k0"); // read recently: must survive the sweep
        for (int i = 100; i < 150; i++) {
            near.put("k" + i, i);
        }
        assertTrue(near.size() <= 100, "bounded, was " + near.size());
        assertEquals(0, near.get("k0"));
        assertNull(near.get("k1"), "an old entry nobody read went first");
        assertEquals(149, near.get("k149"));
    }

    @Test
    void entriesExpireAndNullsAreMarked() throws InterruptedException {
        NearCache near = new NearCache(new CacheSettings.NearCacheSettings(10, Duration.ofMillis(30)));
        near.put("null", null);
        assertSame(NearCache.NULL, near.get("null"));
        Thread.sleep(50);
        assertNull(near.get("null"));
        assertEquals(0, near.size());
    }
}
