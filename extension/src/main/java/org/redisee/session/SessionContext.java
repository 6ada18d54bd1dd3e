package org.redisee.session;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import java.util.List;

/**
 * Connects a web application to its {@link RedisSessions} once CDI is up: the sessions come from CDI, the listeners
 * from {@link RedisSessionInitializer}. It also shows the listeners the sessions that end outside a request (by
 * expiry, or through {@link SessionRegistry}). Registered by the initializer, as a servlet context listener.
 */
public final class SessionContext implements ServletContextListener {

    static final String ATTRIBUTE = SessionContext.class.getName();
    static final String LISTENERS = SessionContext.class.getName() + ".listeners";

    private RedisSessions sessions;
    private SessionListeners listeners;
    private SessionCookies cookies;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        sessions = CDI.current().select(RedisSessions.class).get();
        listeners = new SessionListeners((List<?>) context.getAttribute(LISTENERS));
        cookies = new SessionCookies(sessions.settings().cookie());
        sessions.onDestroyed(stored -> {
            RedisHttpSession ending = new RedisHttpSession(sessions.view(stored), context, listeners, () -> { });
            listeners.destroyed(ending);
            ending.unbindAll();
        });
        context.setAttribute(ATTRIBUTE, this);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        event.getServletContext().removeAttribute(ATTRIBUTE);
    }

    static SessionContext of(ServletContext context) {
        Object found = context.getAttribute(ATTRIBUTE);
        if (found == null) {
            throw new IllegalStateException("RedisEE sessions are not started in " + context.getContextPath());
        }
        return (SessionContext) found;
    }

    RedisSessions sessions() {
        return sessions;
    }

    SessionListeners listeners() {
        return listeners;
    }

    SessionCookies cookies() {
        return cookies;
    }
}
