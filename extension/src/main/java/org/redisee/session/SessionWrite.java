package org.redisee.session;

import java.util.Map;
import java.util.Set;

/**
 * What one request changes in Redis: the attributes it set (bytes) and removed, and, when {@code touch}, the
 * session's times and owner. A request that changes nothing within the touch interval produces none.
 *
 * @param session     the session after the request
 * @param previous    the session as the request found it; null for a new session
 * @param previousId  the id before {@code changeSessionId()}, or null
 * @param touch       whether the times, owner and expiry are written
 * @param put         attributes written, by name
 * @param removed     attributes deleted
 */
record SessionWrite(StoredSession session, StoredSession previous, String previousId, boolean touch,
                    Map<String, byte[]> put, Set<String> removed) {

    boolean isNew() {
        return previous == null;
    }

    boolean isEmpty() {
        return !touch && put.isEmpty() && removed.isEmpty() && previousId == null && previous != null;
    }
}
