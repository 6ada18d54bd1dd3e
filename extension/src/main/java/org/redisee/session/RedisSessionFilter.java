package org.redisee.session;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * Puts Redis sessions in place of the container's, first in the chain for every dispatch. Registered by
 * {@link RedisSessionInitializer} when {@code redisee.session.enabled=true}. When Redis cannot be reached for the
 * session, the answer is HTTP 503, never a new empty session.
 */
public final class RedisSessionFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(RedisSessionFilter.class.getName());
    /** The request attribute holding the request's {@link RequestSessions}, for later dispatches of it. */
    static final String SESSIONS = RedisSessionFilter.class.getName() + ".sessions";

    private ServletContext context;

    @Override
    public void init(FilterConfig config) {
        context = config.getServletContext();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        if (request.getAttribute(SESSIONS) instanceof RequestSessions dispatched) {
            // a forward, include, error or async dispatch of a request that already has its sessions
            chain.doFilter(request instanceof SessionRequest ? request : new SessionRequest(request, dispatched), response);
            return;
        }
        SessionContext sessions = SessionContext.of(context);
        RequestSessions requestSessions = new RequestSessions(sessions.sessions(), sessions.listeners(),
                sessions.cookies(), context, request, response);
        SessionRequest wrapped = new SessionRequest(request, requestSessions);
        request.setAttribute(SESSIONS, requestSessions);
        try {
            requestSessions.loadRequested();
            chain.doFilter(wrapped, new SessionResponse(response, requestSessions::commit));
            if (wrapped.isAsyncStarted()) {
                wrapped.getAsyncContext().addListener(new CommitOnComplete(requestSessions));
            } else {
                requestSessions.commit();
            }
        } catch (IOException | ServletException | RuntimeException e) {
            SessionStoreUnavailableException unavailable = unavailable(e);
            if (unavailable == null) {
                throw e;
            }
            respondUnavailable(response, unavailable);
        }
    }

    private static SessionStoreUnavailableException unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SessionStoreUnavailableException unavailable) {
                return unavailable;
            }
        }
        return null;
    }

    private static void respondUnavailable(HttpServletResponse response, SessionStoreUnavailableException e) throws IOException {
        LOG.warning("HTTP 503: " + e.getMessage());
        if (response.isCommitted()) {
            return; // the status is out; the log line is all that can be done
        }
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("The session store is unavailable; please retry shortly.\n");
    }

    /** Stores an async request's session when it completes. */
    private record CommitOnComplete(RequestSessions sessions) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            sessions.commit();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
