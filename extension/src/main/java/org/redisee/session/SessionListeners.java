package org.redisee.session;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's session listeners, told about Redis sessions as the Servlet specification says: the container
 * only knows its own sessions, so RedisEE calls them itself. A failing listener is logged; the others still run.
 */
final class SessionListeners {

    private static final Logger LOG = Logger.getLogger(SessionListeners.class.getName());

    private final List<HttpSessionListener> lifecycle;
    private final List<HttpSessionAttributeListener> attributes;
    private final List<HttpSessionIdListener> ids;

    SessionListeners(List<?> listeners) {
        lifecycle = listeners.stream().filter(HttpSessionListener.class::isInstance).map(HttpSessionListener.class::cast).toList();
        attributes = listeners.stream().filter(HttpSessionAttributeListener.class::isInstance).map(HttpSessionAttributeListener.class::cast).toList();
        ids = listeners.stream().filter(HttpSessionIdListener.class::isInstance).map(HttpSessionIdListener.class::cast).toList();
    }

    int size() {
        return lifecycle.size() + attributes.size() + ids.size();
    }

    void created(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        lifecycle.forEach(listener -> run(() -> listener.sessionCreated(event), listener));
    }

    /** Before the attributes are removed: the listeners still see them. In reverse order, as the spec says. */
    void destroyed(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        for (int i = lifecycle.size() - 1; i >= 0; i--) {
            HttpSessionListener listener = lifecycle.get(i);
            run(() -> listener.sessionDestroyed(event), listener);
        }
    }

    void idChanged(HttpSession session, String oldId) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        ids.forEach(listener -> run(() -> listener.sessionIdChanged(event, oldId), listener));
    }

    /** A value set: bound first, then the old value unbound, then the attribute listeners. */
    void set(HttpSession session, String name, Object value, Object old) {
        if (value != old && value instanceof HttpSessionBindingListener bound) {
            run(() -> bound.valueBound(new HttpSessionBindingEvent(session, name, value)), bound);
        }
        if (old != null && old != value && old instanceof HttpSessionBindingListener unbound) {
            run(() -> unbound.valueUnbound(new HttpSessionBindingEvent(session, name, old)), unbound);
        }
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, old == null ? value : old);
        attributes.forEach(listener -> run(() -> {
            if (old == null) {
                listener.attributeAdded(event);
            } else {
                listener.attributeReplaced(event);
            }
        }, listener));
    }

    void removed(HttpSession session, String name, Object old) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, old);
        if (old instanceof HttpSessionBindingListener unbound) {
            run(() -> unbound.valueUnbound(event), unbound);
        }
        attributes.forEach(listener -> run(() -> listener.attributeRemoved(event), listener));
    }

    private static void run(Runnable call, Object listener) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Session listener " + listener.getClass().getName() + " failed", e);
        }
    }
}
