package org.redisee.sample;

/**
 * The Redis keys the chat writes itself, all under one prefix ({@code chat.key-prefix}, default {@code chat}), so
 * that several applications can share one Redis. Names and rooms are validated before they get here, so they are
 * safe inside a key.
 */
public record ChatKeys(String prefix) {

    /** Sorted set: room name, scored by its last activity (epoch milliseconds). */
    public String activeRooms() {
        return prefix + ":rooms:active";
    }

    /** List of JSON messages, oldest first. */
    public String messages(String room) {
        return prefix + ":messages:" + room;
    }

    /** Sorted set: the room's WebSocket connections, scored by their last heartbeat. */
    public String connections(String room) {
        return prefix + ":connections:" + room;
    }

    /** Sorted set: every WebSocket connection of every room, scored by its last heartbeat. */
    public String online() {
        return prefix + ":online";
    }

    /** Hash: an account's password hash and profile. */
    public String user(String name) {
        return prefix + ":users:" + name;
    }

    /** String: present while a logged-out session id must be refused. */
    public String blacklist(String sessionId) {
        return prefix + ":blacklist:" + sessionId;
    }
}
