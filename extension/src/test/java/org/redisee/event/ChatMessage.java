package org.redisee.event;

/** A test payload: JSON-B reads and writes it through its public fields. */
public class ChatMessage {
    public String room;
    public String text;
    public long number;

    public ChatMessage() {
    }

    public ChatMessage(String room, String text, long number) {
        this.room = room;
        this.text = text;
        this.number = number;
    }
}
