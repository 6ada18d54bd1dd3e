package org.redisee.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Sessions by principal, across every node: list a user's sessions, end one, or all of them ("log out everywhere").
 * Injectable. The index behind it holds ids only; entries of sessions that are gone are pruned when listed, and each
 * principal's index expires with their longest-lived session.
 */
public final class SessionRegistry {

    /** One session of a principal, as last touched (within a touch interval). */
    public record SessionInfo(String id, String principal, Instant created, Instant lastAccessed, Instant expires,
                              String address, String userAgent) {
    }

    private final RedisSessions sessions;

    SessionRegistry(RedisSessions sessions) {
        this.sessions = sessions;
    }

    /** The principal's live sessions, most recently used first. */
    public List<SessionInfo> sessionsOf(String principal) {
        return live(principal).stream().sorted(Comparator.comparingLong(StoredSession::accessed).reversed())
                .map(SessionRegistry::info).toList();
    }

    /** Ends one session, telling the listeners; false when there was none. */
    public boolean invalidate(String sessionId) {
        Map<String, StoredSession> found = sessions.store().loadAll(List.of(sessionId));
        StoredSession session = found.get(sessionId);
        if (session == null) {
            return false;
        }
        sessions.end(session);
        return true;
    }

    /** Ends all of a principal's sessions; returns how many. */
    public int invalidateAll(String principal) {
        List<StoredSession> live = live(principal);
        live.forEach(sessions::end);
        return live.size();
    }

    /**
     * Applies {@code max-per-principal} to a session that has just been bound to {@code principal}.
     *
     * @return false when the session is refused ({@code overflow=refuse}) and must be ended
     */
    boolean admit(StoredSession session) {
        int max = sessions.settings().maxPerPrincipal();
        if (max <= 0 || session.principal() == null) {
            return true;
        }
        List<StoredSession> others = new ArrayList<>(live(session.principal()));
        others.removeIf(other -> other.id().equals(session.id()));
        int over = others.size() + 1 - max;
        if (over <= 0) {
            return true;
        }
        if (sessions.settings().overflow() == SessionSettings.PrincipalOverflow.REFUSE) {
            return false;
        }
        others.sort(Comparator.comparingLong(StoredSession::accessed));
        others.subList(0, over).forEach(sessions::end);
        return true;
    }

    private List<StoredSession> live(String principal) {
        RedisSessionStore store = sessions.store();
        List<String> ids = store.sessionIdsOf(principal);
        Map<String, StoredSession> found = store.loadAll(ids);
        long now = System.currentTimeMillis();
        List<String> gone = new ArrayList<>(ids);
        gone.removeIf(id -> found.containsKey(id) && principal.equals(found.get(id).principal()));
        store.unindex(principal, gone);
        return found.values().stream().filter(s -> !s.expiredAt(now) && principal.equals(s.principal())).toList();
    }

    private static SessionInfo info(StoredSession session) {
        return new SessionInfo(session.id(), session.principal(), Instant.ofEpochMilli(session.created()),
                Instant.ofEpochMilli(session.accessed()),
                session.maxInactiveSeconds() > 0 ? Instant.ofEpochMilli(session.expiresAt()) : null,
                session.address(), session.userAgent());
    }
}
