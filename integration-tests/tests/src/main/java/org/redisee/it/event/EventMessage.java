package org.redisee.it.event;

/** The payload of the test topic {@code it-events}. */
public class EventMessage {
    public String text;

    public EventMessage() {
    }

    public EventMessage(String text) {
        this.text = text;
    }
}
