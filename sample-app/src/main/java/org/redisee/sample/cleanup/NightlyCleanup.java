package org.redisee.sample.cleanup;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.redisee.lock.Locked;

/**
 * At 03:00 on every node, the timer fires; RedisEE's lock lets one node run the cleanup and the others skip it
 * (a {@code void} method under {@code @Locked} is skipped, not queued, when the lock is held elsewhere).
 */
@Singleton
public class NightlyCleanup {

    private static final Logger LOG = Logger.getLogger(NightlyCleanup.class.getName());

    @Inject
    ChatCleanup cleanup;

    @Schedule(hour = "3", persistent = false)
    @Locked(name = "chat-cleanup")
    void nightly() {
        ChatCleanup.Report report = cleanup.run();
        LOG.info(() -> "Chat cleanup: " + report.stalePresenceEntries() + " stale presence entries removed, "
                + report.roomsClosed() + " idle rooms closed");
    }
}
