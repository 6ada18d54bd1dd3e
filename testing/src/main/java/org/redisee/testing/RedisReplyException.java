package org.redisee.testing;

/** An error reply from Redis, such as {@code ERR unknown command} or {@code MOVED 3999 127.0.0.1:7002}. */
public final class RedisReplyException extends RuntimeException {

    RedisReplyException(String message) {
        super(message);
    }

    /** The first word of the error, for example {@code MOVED}, {@code ERR} or {@code LOADING}. */
    public String prefix() {
        String message = getMessage();
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }
}
