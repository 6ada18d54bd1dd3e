package org.redisee.session;

/** One attribute's stored form could not be read; the message says why. The other attributes are not affected. */
class SessionDataException extends RuntimeException {

    SessionDataException(String message) {
        super(message);
    }
}
