package org.redisee.sample.cleanup;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.redisee.lock.Locked;

/**
 * At 03:00 the timer fires on every node; RedisEE's lock lets one node run the cleanup and the others skip it (a
 * {@code void} method under {@code @Locked} is skipped, not queued, when the lock is held elsewhere). The work takes
 * milliseconds, so a node whose timer fires a moment later would find the lock free again: {@code atMostEvery}
 * makes that node skip too, so the cleanup runs once a night.
 */
@Singleton
public class NightlyCleanup {

    private static final Logger LOG = Logger.getLogger(NightlyCleanup.class.getName());

    @Inject
    ChatCleanup cleanup;

    @Schedule(hour = "3", persistent = false)
    @Locked(name = "chat-cleanup", atMostEvery = "1h")
    void nightly() {
        ChatCleanup.Report report = cleanup.run();
        LOG.info(() -> "Chat cleanup: " + report.stalePresenceEntries() + " stale presence entries removed, "
                + report.roomsClosed() + " idle rooms closed");
    }
}
