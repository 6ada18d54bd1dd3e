package org.redisee.session;

/**
 * Redis could not be asked for a session, or could not store one. The filter answers HTTP 503: a user never gets a
 * new, empty session in place of one that Redis still holds.
 */
public final class SessionStoreUnavailableException extends RuntimeException {

    public SessionStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
