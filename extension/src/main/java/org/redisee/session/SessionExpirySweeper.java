package org.redisee.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends expired sessions without keyspace notifications (which managed Redis services often forbid): every node
 * periodically claims a small batch of due ids from the expiry index, atomically, so each expired session is handled
 * by one node, which tells the listeners and deletes it. If that node dies in between, Redis still drops the session
 * by its TTL, without the listeners: at most once.
 */
final class SessionExpirySweeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SessionExpirySweeper.class.getName());
    /** Batches per run, so that one run cannot hold the thread for long after an outage. */
    private static final int MAX_BATCHES = 20;

    private final RedisSessionStore store;
    private final SessionSettings settings;
    private final SessionMeters meters;
    private final Consumer<StoredSession> destroyed;
    private final ScheduledExecutorService executor;

    SessionExpirySweeper(RedisSessionStore store, SessionSettings settings, SessionMeters meters,
                         Consumer<StoredSession> destroyed, ClassLoader applicationLoader) {
        this.store = store;
        this.settings = settings;
        this.meters = meters;
        this.destroyed = destroyed;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "redisee-session-expiry");
            thread.setDaemon(true);
            thread.setContextClassLoader(applicationLoader); // listeners run as the application's code
            return thread;
        });
        long interval = settings.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Ends the sessions due now; returns how many. */
    int sweep() {
        int ended = 0;
        try {
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                long now = System.currentTimeMillis();
                List<String> due = store.claimExpired(now, settings.sweepBatch());
                Map<String, StoredSession> sessions = store.loadAll(due);
                for (StoredSession session : sessions.values()) {
                    if (session.expiredAt(now)) { // else touched after it was claimed, and indexed again
                        end(session);
                        ended++;
                    }
                }
                if (due.size() < settings.sweepBatch()) {
                    break;
                }
            }
        } catch (SessionStoreUnavailableException e) {
            LOG.fine("Session expiry sweep skipped: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Session expiry sweep failed", e);
        }
        return ended;
    }

    private void end(StoredSession session) {
        try {
            destroyed.accept(session);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A listener failed on the expiry of session " + session.id(), e);
        }
        store.delete(session);
        meters.expired.increment();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("The session expiry sweep did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
