package org.redisee.sample.account;

/** Fired on the Redis topic "chat" at logout: every node closes the WebSockets opened with that session. */
public record SessionEnded(String sessionId) {
}
