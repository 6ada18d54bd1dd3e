package org.redisee.session;

import java.util.Map;

/**
 * A session as Redis holds it: its times, who it belongs to, and each attribute's stored bytes (serialized, maybe
 * encrypted). Immutable; a request works on a {@link SessionState} over it.
 *
 * @param accessed         when a request last touched it, in epoch milliseconds (refreshed at most once per touch
 *                         interval)
 * @param maxInactiveSeconds the inactive interval after which it expires; 0 or less never (bounded by Redis anyway)
 * @param principal        the authenticated user's name, or null
 * @param login            the login a {@link RedisSessionLogin} mechanism established, or null
 * @param version          how many times it was written: each write increments it in Redis
 */
public record StoredSession(String id, long created, long accessed, int maxInactiveSeconds, String principal,
                            SessionLogin login, String address, String userAgent, Map<String, byte[]> attributes,
                            long version) {

    public StoredSession {
        attributes = Map.copyOf(attributes);
    }

    /** Expired at {@code now}: not served, and left to the expiry sweep, which tells the listeners. */
    public boolean expiredAt(long nowMillis) {
        return maxInactiveSeconds > 0 && accessed + maxInactiveSeconds * 1000L <= nowMillis;
    }

    StoredSession withVersion(long newVersion) {
        return new StoredSession(id, created, accessed, maxInactiveSeconds, principal, login, address, userAgent,
                attributes, newVersion);
    }

    public long expiresAt() {
        return maxInactiveSeconds > 0 ? accessed + maxInactiveSeconds * 1000L : Long.MAX_VALUE;
    }
}
