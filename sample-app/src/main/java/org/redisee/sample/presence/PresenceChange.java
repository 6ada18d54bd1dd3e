package org.redisee.sample.presence;

/** Fired on the Redis topic "chat" when a WebSocket opens or closes: every node refreshes its clients' user lists. */
public record PresenceChange(String room, String user, boolean joined) {
}
