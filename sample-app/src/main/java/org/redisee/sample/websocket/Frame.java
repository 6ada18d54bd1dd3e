package org.redisee.sample.websocket;

import java.util.List;
import org.redisee.sample.room.ChatMessage;

/** What the server sends on a room's WebSocket, as JSON; {@code type} tells the page which one it is. */
public interface Frame {

    /** A new message in the room. */
    record Message(String type, ChatMessage message) implements Frame {
        Message(ChatMessage message) {
            this("message", message);
        }
    }

    /** Someone joined or left: who is in the room now, and how many users are online in all rooms. */
    record Presence(String type, String user, boolean joined, List<String> users, int online) implements Frame {
        Presence(String user, boolean joined, List<String> users, int online) {
            this("presence", user, joined, users, online);
        }
    }
}
