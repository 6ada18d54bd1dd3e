package org.redisee.benchmarks;

/**
 * The event of {@link TwoJvmEvents}, the same object for both arms: about 150 bytes of JSON-B, e.g.
 * {@code {"kind":"flood","publisher":0,"sentNanos":123456789012345,"sequence":12345,"text":"..."}}.
 * Public, with a no-argument constructor and fields, as JSON-B wants.
 */
public class EventPayload {

    static final String TEXT = "a message from node A to node B";

    /** {@code flood}, {@code paced} (recorded by B) or {@code ping} (sent back by B, not recorded). */
    public String kind;
    /** The publishing thread, whose events must arrive in order. */
    public int publisher;
    /** 1, 2, 3, ... per publisher and measurement. */
    public long sequence;
    /** {@code System.nanoTime()} at A just before the publish: both JVMs read the machine's monotonic clock. */
    public long sentNanos;
    public String text;

    public EventPayload() {
    }

    EventPayload(String kind, int publisher, long sequence, long sentNanos) {
        this.kind = kind;
        this.publisher = publisher;
        this.sequence = sequence;
        this.sentNanos = sentNanos;
        this.text = TEXT;
    }
}
