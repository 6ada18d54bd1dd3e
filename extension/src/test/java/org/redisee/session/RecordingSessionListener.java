package org.redisee.session;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the session listeners hear, in order, for the tests. */
@WebListener
public class RecordingSessionListener implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        EVENTS.add("created");
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        // the attributes are still there when the listener hears of the end
        EVENTS.add("destroyed " + java.util.Collections.list(event.getSession().getAttributeNames()).stream().sorted().toList());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        EVENTS.add("id changed");
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        EVENTS.add("added " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        EVENTS.add("removed " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        EVENTS.add("replaced " + event.getName() + "=" + event.getValue());
    }

    /** A value that hears when it is bound and unbound. */
    public record Bound(String label) implements HttpSessionBindingListener, Serializable {
        @Override
        public void valueBound(HttpSessionBindingEvent event) {
            EVENTS.add("bound " + label);
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent event) {
            EVENTS.add("unbound " + label);
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
