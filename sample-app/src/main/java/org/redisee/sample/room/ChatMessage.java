package org.redisee.sample.room;

import java.time.Instant;
import java.util.UUID;
import org.redisee.sample.InvalidInputException;
import org.redisee.sample.profile.Profile;

/**
 * One message: kept as JSON in the room's history, and fired as a CDI event on the Redis topic "chat", which every
 * node observes to push it to its WebSocket clients. The author's display name and colour are copied in when it is
 * sent, so the history shows the author as they were then.
 */
public record ChatMessage(String id, String room, String author, String displayName, String colour, String text,
                          Instant sentAt) {

    public static final int MAX_LENGTH = 2000;

    /** A new message, or the reason it cannot be sent. */
    public static ChatMessage compose(String room, Profile author, String text, Instant now) {
        String content = text == null ? "" : text.strip();
        if (content.isEmpty()) {
            throw new InvalidInputException("Write something first: an empty message is not sent.");
        }
        int length = content.codePointCount(0, content.length());
        if (length > MAX_LENGTH) {
            throw new InvalidInputException("A message has at most " + MAX_LENGTH + " characters; this one has "
                    + length + ".");
        }
        return new ChatMessage(UUID.randomUUID().toString(), room, author.name(), author.displayName(),
                author.colour(), content, now);
    }
}
