package org.redisee.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code redisee.session.*}: HTTP sessions in Redis.
 *
 * @param timeout         the sessions' maximum inactive interval; empty: the container's ({@code session-config})
 * @param touchInterval   the last-access time and the expiry in Redis are refreshed at most this often; a request
 *                        that changes nothing within it writes nothing
 * @param localCopy       whether a node keeps the sessions it served in memory, kept honest by invalidations that
 *                        every write publishes; a copy is also re-read once it is a touch interval old
 * @param serialFilter    classes allowed in attributes beyond the JDK's value types and the war's own classes
 * @param encryptionKeys  AES keys for attributes at rest, the first encrypts; empty: no encryption
 * @param maxPerPrincipal the most sessions one principal may have; 0 for no limit
 * @param maxAttributeSize the most bytes one attribute may take serialized; a larger one is refused
 */
public record SessionSettings(boolean enabled, String client, Cookie cookie, Optional<Duration> timeout,
                              Duration touchInterval, SaveMode saveMode, FlushMode flushMode, boolean localCopy,
                              int localCopyMaxEntries, String serialFilter, List<SessionEncryption.Key> encryptionKeys,
                              int maxPerPrincipal, PrincipalOverflow overflow, Duration sweepInterval, int sweepBatch,
                              int maxAttributeSize) {

    /** The session cookie. {@code path} empty: the context path; {@code secure} empty: when the request is secure. */
    public record Cookie(String name, Optional<String> path, Optional<String> domain, Optional<Boolean> secure,
                         boolean httpOnly, String sameSite, int maxAgeSeconds) {
    }

    /** Which attributes a request writes back. */
    public enum SaveMode {
        /** Only those passed to {@code setAttribute} or removed. */
        ON_SET_ATTRIBUTE,
        /** Also those read with {@code getAttribute} whose serialized form changed: objects mutated in place. */
        ON_GET_ATTRIBUTE,
        /** Every attribute, every request that writes. */
        ALWAYS
    }

    /** When changes reach Redis. */
    public enum FlushMode {
        /** Once, before the response is committed (or when the request ends). */
        END_OF_REQUEST,
        /** At each {@code setAttribute} and {@code removeAttribute}, too. */
        IMMEDIATE
    }

    /** What a new session of a principal who already has {@code max-per-principal} sessions does. */
    public enum PrincipalOverflow {
        /** The principal's least recently used sessions are invalidated. */
        EVICT_OLDEST,
        /** The new session is invalidated; the existing ones stay. */
        REFUSE
    }
}
