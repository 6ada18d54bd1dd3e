package org.redisee.ratelimit;

import java.util.Map;
import java.util.Optional;

/** What a limit may key on about the current caller; the CDI adapter reads it from the request and the principal. */
public interface Caller {

    /** The caller's principal name; empty when anonymous. */
    Optional<String> principal();

    /** The connection's peer address; empty outside an HTTP request. */
    Optional<String> remoteAddress();

    /** The {@code X-Forwarded-For} header; empty when absent. */
    Optional<String> forwardedFor();

    /** Hands an allowed call's headers to the HTTP response, where there is one. */
    default void allowed(Map<String, String> headers) {
    }
}
