package org.redisee.sample.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisee.sample.RealRedis;
import org.redisee.sample.TestClock;

class PresenceTest extends RealRedis {

    private final TestClock clock = new TestClock();
    private final Presence presence = new Presence(redis, keys, clock);

    private final Connection adaTab1 = new Connection("lobby", "ada", "node-a", "s1");
    private final Connection adaTab2 = new Connection("lobby", "ada", "node-b", "s7");
    private final Connection bob = new Connection("lobby", "bob", "node-a", "s2");
    private final Connection carol = new Connection("random", "carol", "node-b", "s3");

    @Test
    void listsEachUserOnceAndRemovesClosedConnections() {
        presence.connect(adaTab1);
        presence.connect(adaTab2);
        presence.connect(bob);
        presence.connect(carol);

        assertEquals(List.of("ada", "bob"), presence.usersIn("lobby"));
        assertEquals(List.of("ada", "bob", "carol"), presence.online());

        presence.disconnect(adaTab1);
        assertEquals(List.of("ada", "bob"), presence.usersIn("lobby"), "ada still has a tab open on node-b");

        presence.disconnect(adaTab2);
        presence.disconnect(carol);
        assertEquals(List.of("bob"), presence.usersIn("lobby"));
        assertEquals(List.of(), presence.usersIn("random"));
        assertEquals(List.of("bob"), presence.online());
    }

    @Test
    void entriesOfADeadNodeGoStaleWhileTheHeartbeatKeepsLiveOnes() {
        presence.connect(adaTab1);
        presence.connect(adaTab2);
        presence.connect(bob);

        // node-a keeps beating; node-b died and does not.
        for (int beat = 0; beat < 4; beat++) {
            clock.advance(Duration.ofSeconds(20));
            presence.refresh(List.of(adaTab1, bob));
        }
        presence.disconnect(adaTab1);

        assertEquals(List.of("bob"), presence.usersIn("lobby"));
        assertEquals(List.of("bob"), presence.online());
        assertEquals(2, redis.getScoredSortedSet(keys.connections("lobby")).size(), "bob, and node-b's stale entry");

        assertEquals(2, presence.pruneStale(List.of("lobby")));
        assertEquals(1, redis.getScoredSortedSet(keys.connections("lobby")).size());
        assertEquals(1, redis.getScoredSortedSet(keys.online()).size());
    }

    @Test
    void keysExpireWhenNoNodeRefreshesThem() {
        presence.connect(bob);

        long roomTtl = ttlMillis(keys.connections("lobby"));
        long onlineTtl = ttlMillis(keys.online());
        assertTrue(roomTtl > 0 && roomTtl <= Presence.STALE_AFTER.multipliedBy(2).toMillis(), "TTL " + roomTtl);
        assertTrue(onlineTtl > 0 && onlineTtl <= Presence.STALE_AFTER.multipliedBy(2).toMillis(), "TTL " + onlineTtl);
    }
}
