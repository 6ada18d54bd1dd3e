package org.redisee.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/** A request whose sessions are Redis sessions. */
final class SessionRequest extends HttpServletRequestWrapper {

    private final RequestSessions sessions;

    SessionRequest(HttpServletRequest request, RequestSessions sessions) {
        super(request);
        this.sessions = sessions;
    }

    RequestSessions sessions() {
        return sessions;
    }

    @Override
    public HttpSession getSession(boolean create) {
        return sessions.session(create);
    }

    @Override
    public HttpSession getSession() {
        return sessions.session(true);
    }

    @Override
    public String changeSessionId() {
        return sessions.changeId();
    }

    @Override
    public String getRequestedSessionId() {
        return sessions.requestedId();
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return sessions.requestedIdValid();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return sessions.requestedId() != null;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }
}
