package org.redisee.sample.cleanup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.redisee.sample.presence.Presence;
import org.redisee.sample.room.Room;
import org.redisee.sample.room.Rooms;

/**
 * The nightly cleanup's work, apart from its timer ({@link NightlyCleanup}): prunes presence entries that no node
 * refreshes any more (a node died), then closes rooms that nobody wrote in or visited for {@code idleAfter}.
 */
public final class ChatCleanup {

    /** What one run did. */
    public record Report(int stalePresenceEntries, int roomsClosed) {
    }

    private final Rooms rooms;
    private final Presence presence;
    private final Clock clock;
    private final Duration idleAfter;

    public ChatCleanup(Rooms rooms, Presence presence, Clock clock, Duration idleAfter) {
        this.rooms = rooms;
        this.presence = presence;
        this.clock = clock;
        this.idleAfter = idleAfter;
    }

    public Report run() {
        int stale = presence.pruneStale(rooms.list().stream().map(Room::name).toList());
        Instant cutoff = clock.instant().minus(idleAfter);
        List<String> idle = rooms.idleSince(cutoff);
        // Someone sitting in a quiet room keeps it open.
        idle.stream().filter(room -> !presence.usersIn(room).isEmpty()).forEach(rooms::touch);
        return new Report(stale, rooms.closeIdleSince(cutoff));
    }
}
