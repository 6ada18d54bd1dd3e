package org.redisee.sample.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.redisee.sample.InvalidInputException;
import org.redisee.sample.Json;
import org.redisee.sample.profile.Profile;

class ChatMessageTest {

    private final Profile ada = new Profile("ada", "Ada L.", "#2f6fdb", "");
    private final Instant now = Instant.parse("2026-11-23T10:15:30.123Z");

    @Test
    void carriesTheAuthorAsTheyAreWhenSent() {
        ChatMessage message = ChatMessage.compose("lobby", ada, "  hello  ", now);

        assertEquals("hello", message.text());
        assertEquals("ada", message.author());
        assertEquals("Ada L.", message.displayName());
        assertEquals("#2f6fdb", message.colour());
        assertEquals(now, message.sentAt());
    }

    @Test
    void refusesEmptyAndTooLongMessages() {
        assertThrows(InvalidInputException.class, () -> ChatMessage.compose("lobby", ada, null, now));
        assertThrows(InvalidInputException.class, () -> ChatMessage.compose("lobby", ada, " \n\t ", now));
        InvalidInputException tooLong = assertThrows(InvalidInputException.class,
                () -> ChatMessage.compose("lobby", ada, "x".repeat(2001), now));
        assertEquals("A message has at most 2000 characters; this one has 2001.", tooLong.getMessage());

        assertEquals(2000, ChatMessage.compose("lobby", ada, "x".repeat(2000), now).text().length());
        // Characters, not UTF-16 units: 2000 emoji are 4000 chars in Java.
        assertEquals(4000, ChatMessage.compose("lobby", ada, "😀".repeat(2000), now).text().length());
    }

    @Test
    void readsBackFromItsJson() {
        ChatMessage message = ChatMessage.compose("lobby", ada, "héllo \"quoted\" <b>", now);

        assertEquals(message, Json.read(Json.write(message), ChatMessage.class));
    }
}
