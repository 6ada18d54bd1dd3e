package org.redisee.session;

import java.util.Set;

/** A login that a {@link RedisSessionLogin} mechanism completed in this request, for the filter to keep in the session. */
public record SessionLogin(String principal, Set<String> groups) {

    /** The request attribute that carries it from the mechanism, which runs before any filter, to the filter. */
    static final String ATTRIBUTE = SessionLogin.class.getName();

    public SessionLogin {
        groups = Set.copyOf(groups);
    }
}
