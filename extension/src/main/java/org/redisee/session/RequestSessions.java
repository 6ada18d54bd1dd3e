package org.redisee.session;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.Principal;
import java.util.Optional;

/**
 * The session of one request, across its dispatches: the requested id, the session found or created, and storing it
 * before the response is committed. {@link SessionRequest} wraps each dispatch's request around it.
 */
final class RequestSessions {

    /** A request attribute: the requested session as something before the filter (a login mechanism) loaded it. */
    static final String LOADED = RequestSessions.class.getName() + ".loaded";

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RequestSessions.class.getName());

    private final RedisSessions sessions;
    private final SessionListeners listeners;
    private final SessionCookies cookies;
    private final ServletContext context;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final SessionCookies.Requested requestedCookie;
    /** The session id and version the client's cookie will name after this response; written before commit. */
    private String cookieId;
    private long cookieVersion;
    private RedisHttpSession requested;
    private RedisHttpSession current;

    RequestSessions(RedisSessions sessions, SessionListeners listeners, SessionCookies cookies, ServletContext context,
                    HttpServletRequest request, HttpServletResponse response) {
        this.sessions = sessions;
        this.listeners = listeners;
        this.cookies = cookies;
        this.context = context;
        this.request = request;
        this.response = response;
        this.requestedCookie = cookies.requested(request);
        this.cookieId = requestedCookie == null ? null : requestedCookie.id();
        this.cookieVersion = requestedCookie == null ? 0 : requestedCookie.version();
    }

    /**
     * Loads the requested session now, so that an unreachable Redis gets a 503 before the application runs rather
     * than an exception in the middle of it. Costs nothing when the local copy has the session.
     */
    void loadRequested() {
        if (requestedCookie != null) {
            Optional<SessionState> found = request.getAttribute(LOADED) instanceof Optional<?> loaded
                    ? loaded.map(stored -> sessions.view((StoredSession) stored))
                    : sessions.find(requestedCookie.id(), requestedCookie.version());
            found.ifPresent(state -> requested = current = session(state));
        }
    }

    String requestedId() {
        return requestedCookie == null ? null : requestedCookie.id();
    }

    boolean requestedIdValid() {
        return requested != null && requested.valid() && current == requested;
    }

    RedisHttpSession session(boolean create) {
        if (current != null && current.valid()) {
            return current;
        }
        if (!create) {
            return null;
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("Cannot create a session: the response has already been committed");
        }
        current = session(sessions.create(defaultTimeoutSeconds()));
        listeners.created(current);
        return current;
    }

    String changeId() {
        RedisHttpSession session = session(false);
        if (session == null) {
            throw new IllegalStateException("changeSessionId: this request has no session");
        }
        String oldId = session.getId();
        session.state().changeId(RedisSessions.newId());
        listeners.idChanged(session, oldId);
        return session.getId();
    }

    /** Stores the session's changes; runs before the response is committed and again when the request ends. */
    void commit() {
        SessionLogin login = (SessionLogin) request.getAttribute(SessionLogin.ATTRIBUTE);
        if (login != null && !response.isCommitted()) {
            RedisHttpSession existing = session(false);
            if (existing == null) {
                session(true); // a login to keep needs a session
            } else if (!existing.state().isNew() && existing.state().login() == null) {
                changeId(); // against session fixation: a session that was anonymous gets a new id at login
            }
        }
        RedisHttpSession session = current;
        if (session == null || !session.valid()) {
            if (requested != null && !requested.valid() && current == requested && !response.isCommitted()) {
                cookies.expire(request, response);
                requested = null;
            }
            return;
        }
        Principal principal = request.getUserPrincipal();
        session.state().owner(principal == null ? null : principal.getName(), login, request.getRemoteAddr(),
                request.getHeader("User-Agent"));
        if (!sessions.save(session.state())) {
            current = null; // refused by max-per-principal: ended, and the client forgets it
            if (!response.isCommitted()) {
                cookies.expire(request, response);
            }
        } else if (!session.getId().equals(cookieId) || session.state().version() > cookieVersion) {
            if (response.isCommitted()) {
                LOG.warning("Session " + session.getId() + ": the response was committed before its cookie could be set");
            } else {
                cookieId = session.getId();
                cookieVersion = session.state().version();
                cookies.write(request, response, cookieId, cookieVersion);
            }
        }
    }

    private RedisHttpSession session(SessionState state) {
        return new RedisHttpSession(state, context, listeners, () -> changed(state));
    }

    private void changed(SessionState state) {
        if (state.invalidated() || sessions.settings().flushMode() == SessionSettings.FlushMode.IMMEDIATE) {
            sessions.save(state);
        }
    }

    private int defaultTimeoutSeconds() {
        return sessions.settings().timeout().map(timeout -> (int) timeout.toSeconds())
                .orElseGet(() -> context.getSessionTimeout() * 60);
    }
}
