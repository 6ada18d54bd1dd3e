package org.redisee.session;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;

/** {@link HttpSession} over a {@link SessionState}, telling the application's listeners what happens. */
final class RedisHttpSession implements HttpSession {

    private final SessionState state;
    private final ServletContext context;
    private final SessionListeners listeners;
    /** Runs after each change: stores it at once when {@code flush-mode=immediate}, and after invalidate. */
    private final Runnable changed;

    RedisHttpSession(SessionState state, ServletContext context, SessionListeners listeners, Runnable changed) {
        this.state = state;
        this.context = context;
        this.listeners = listeners;
        this.changed = changed;
    }

    SessionState state() {
        return state;
    }

    boolean valid() {
        return !state.invalidated();
    }

    @Override
    public long getCreationTime() {
        checkValid("getCreationTime");
        return state.created();
    }

    @Override
    public String getId() {
        return state.id();
    }

    @Override
    public long getLastAccessedTime() {
        checkValid("getLastAccessedTime");
        return state.accessed();
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        state.maxInactiveSeconds(interval);
        changed.run();
    }

    @Override
    public int getMaxInactiveInterval() {
        return state.maxInactiveSeconds();
    }

    @Override
    public Object getAttribute(String name) {
        checkValid("getAttribute");
        return state.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid("getAttributeNames");
        return Collections.enumeration(state.attributeNames());
    }

    @Override
    public void setAttribute(String name, Object value) {
        checkValid("setAttribute");
        if (name == null) {
            throw new IllegalArgumentException("A session attribute needs a name");
        }
        if (value == null) {
            removeAttribute(name);
            return;
        }
        Object old = state.getAttribute(name);
        state.setAttribute(name, value);
        listeners.set(this, name, value, old);
        changed.run();
    }

    @Override
    public void removeAttribute(String name) {
        checkValid("removeAttribute");
        Object old = state.getAttribute(name);
        if (state.removeAttribute(name)) {
            listeners.removed(this, name, old);
            changed.run();
        }
    }

    @Override
    public void invalidate() {
        checkValid("invalidate");
        listeners.destroyed(this);
        unbindAll();
        state.invalidate();
        changed.run();
    }

    /** Removes every attribute, telling the listeners; for a session that ends. */
    void unbindAll() {
        for (String name : new ArrayList<>(state.attributeNames())) {
            Object old = state.getAttribute(name);
            state.removeAttribute(name);
            listeners.removed(this, name, old);
        }
    }

    @Override
    public boolean isNew() {
        checkValid("isNew");
        return state.isNew();
    }

    private void checkValid(String method) {
        if (state.invalidated()) {
            throw new IllegalStateException(method + ": session " + state.id() + " has been invalidated");
        }
    }
}
