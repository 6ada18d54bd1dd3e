package org.redisee.sample.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisee.sample.RealRedis;
import org.redisee.sample.TestClock;
import org.redisee.sample.presence.Connection;
import org.redisee.sample.presence.Presence;
import org.redisee.sample.profile.Profile;
import org.redisee.sample.room.ChatMessage;
import org.redisee.sample.room.Room;
import org.redisee.sample.room.Rooms;

/** What the nightly job does, run directly: its timer and lock only decide when and where. */
class ChatCleanupTest extends RealRedis {

    private final TestClock clock = new TestClock();
    private final Rooms rooms = new Rooms(redis, keys, clock, 200, Duration.ofHours(24));
    private final Presence presence = new Presence(redis, keys, clock);
    private final ChatCleanup cleanup = new ChatCleanup(rooms, presence, clock, Duration.ofHours(24));

    @Test
    void closesIdleRoomsKeepsVisitedOnesAndPrunesDeadNodesEntries() {
        rooms.create("abandoned");
        rooms.create("quiet-but-visited");
        rooms.create("busy");
        Connection fromDeadNode = new Connection("busy", "ada", "node-b", "s1");
        presence.connect(fromDeadNode);

        clock.advance(Duration.ofHours(25));
        Connection sitter = new Connection("quiet-but-visited", "bob", "node-a", "s2");
        presence.connect(sitter);
        rooms.append(ChatMessage.compose("busy", Profile.defaultsFor("carol"), "still talking", clock.instant()));

        ChatCleanup.Report report = cleanup.run();

        assertEquals(new ChatCleanup.Report(2, 1), report, "ada's entries in busy and online; the room abandoned");
        assertEquals(List.of("busy", "quiet-but-visited"), rooms.list().stream().map(Room::name).sorted().toList());
        assertEquals(List.of("bob"), presence.online());
        assertEquals(new ChatCleanup.Report(0, 0), cleanup.run());
    }
}
