package org.redisee.sample.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisee.sample.InvalidInputException;
import org.redisee.sample.RealRedis;
import org.redisee.sample.TestClock;
import org.redisee.sample.profile.Profile;

class RoomsTest extends RealRedis {

    private static final Duration DAY = Duration.ofHours(24);

    private final TestClock clock = new TestClock();
    private final Rooms rooms = new Rooms(redis, keys, clock, 200, DAY);
    private final Profile ada = Profile.defaultsFor("ada");

    @Test
    void historyKeepsTheLast200MessagesInOrder() {
        rooms.create("lobby");
        for (int i = 1; i <= 205; i++) {
            rooms.append(ChatMessage.compose("lobby", ada, "message " + i, clock.instant()));
        }

        List<ChatMessage> history = rooms.history("lobby");

        assertEquals(200, history.size());
        assertEquals("message 6", history.get(0).text());
        assertEquals("message 205", history.get(199).text());
        assertEquals(200, redis.getList(keys.messages("lobby")).size());
    }

    @Test
    void everyMessageRenewsTheHistorysExpiry() {
        rooms.create("lobby");
        rooms.append(ChatMessage.compose("lobby", ada, "hello", clock.instant()));
        redis.getList(keys.messages("lobby")).expire(Duration.ofSeconds(60));

        rooms.append(ChatMessage.compose("lobby", ada, "still here", clock.instant()));

        long ttl = ttlMillis(keys.messages("lobby"));
        assertTrue(ttl > DAY.minusMinutes(1).toMillis() && ttl <= DAY.toMillis(), "TTL " + ttl);
    }

    @Test
    void historyExpiresAfterItsTtl() throws InterruptedException {
        Rooms shortLived = new Rooms(redis, keys, clock, 200, Duration.ofMillis(200));
        shortLived.create("brief");
        shortLived.append(ChatMessage.compose("brief", ada, "soon gone", clock.instant()));
        assertEquals(1, shortLived.history("brief").size());

        Thread.sleep(400);

        assertEquals(List.of(), shortLived.history("brief"));
    }

    @Test
    void badRoomNamesAreRefusedAndWriteNothing() {
        for (String name : new String[] {null, "", "Lobby", "-lobby", "two words", "a".repeat(33), "x{y}", "a:b"}) {
            assertThrows(InvalidInputException.class, () -> rooms.create(name), String.valueOf(name));
        }
        assertFalse(redis.getKeys().getKeysByPattern(keys.prefix() + "*").iterator().hasNext());
    }

    @Test
    void createsOnceAndListsByLastActivity() {
        assertTrue(rooms.create("lobby"));
        assertFalse(rooms.create("lobby"));
        clock.advance(Duration.ofMinutes(1));
        rooms.create("random");
        assertEquals(List.of("random", "lobby"), names());

        clock.advance(Duration.ofMinutes(1));
        rooms.append(ChatMessage.compose("lobby", ada, "hi", clock.instant()));

        assertEquals(List.of("lobby", "random"), names());
        assertEquals(clock.instant().toEpochMilli(), rooms.list().get(0).lastActivity().toEpochMilli());
    }

    @Test
    void closesOnlyRoomsIdleSinceTheCutoff() {
        rooms.create("quiet");
        clock.advance(Duration.ofHours(2));
        rooms.create("busy");
        rooms.create("visited");
        clock.advance(Duration.ofHours(1));
        rooms.touch("visited");
        rooms.touch("never-created");

        assertEquals(List.of("busy", "quiet"), rooms.idleSince(clock.instant().minus(Duration.ofMinutes(30))).stream()
                .sorted().toList());
        assertEquals(2, rooms.closeIdleSince(clock.instant().minus(Duration.ofMinutes(30))));

        assertEquals(List.of("visited"), names());
    }

    private List<String> names() {
        return rooms.list().stream().map(Room::name).toList();
    }
}
