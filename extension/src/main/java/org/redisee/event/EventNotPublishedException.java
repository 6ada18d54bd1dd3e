package org.redisee.event;

/** An event fired on a {@link RedisTopic} did not reach Redis: its local observers ran, other nodes will not hear it. */
public final class EventNotPublishedException extends RuntimeException {

    public EventNotPublishedException(String message) {
        super(message);
    }

    public EventNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}
