package org.redisee.event;

/** A test payload: JSON-B reads and writes it through its public fields. */
public class ChatMessage {
    public String room;
    public String text;
    public long number;
    /** Free-form JSON, read as whatever JSON-B makes of it (maps, lists): where deeply nested input would recurse. */
    public Object meta;

    public ChatMessage() {
    }

    public ChatMessage(String room, String text, long number) {
        this.room = room;
        this.text = text;
        this.number = number;
    }
}
