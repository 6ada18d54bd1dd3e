package org.redisee.event;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publisher's queueing on its own: the transport is a list of batches whose replies the test gives. Sending to
 * Redis, in order and pipelined, is tested in {@link RedisTopicBridgeTest}.
 */
class TopicPublisherTest {

    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Object>> replies = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    private TopicPublisher publisher(int capacity) {
        return new TopicPublisher("chat", messages -> {
            batches.add(messages);
            CompletableFuture<Object> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply;
        }, (count, failure) -> outcomes.add(count + (failure == null ? " sent" : " failed")), capacity, Duration.ofMillis(50));
    }

    @Test
    void whatQueuesWhileABatchIsOnItsWayGoesInOrderInTheNextOne() {
        TopicPublisher publisher = publisher(100);
        CompletableFuture<Void> first = publisher.publish("1");
        List<CompletableFuture<Void>> queued = List.of(publisher.publish("2"), publisher.publish("3"), publisher.publish("4"));
        assertEquals(List.of(List.of("1")), batches, "one batch at a time");
        assertEquals(3, publisher.queued());

        replies.get(0).complete("OK");
        assertTrue(first.isDone() && !first.isCompletedExceptionally());
        assertEquals(List.of(List.of("1"), List.of("2", "3", "4")), batches, "the rest together, in order");
        assertFalse(queued.get(0).isDone(), "done only when Redis answered");

        replies.get(1).complete("OK");
        queued.forEach(sent -> assertTrue(sent.isDone() && !sent.isCompletedExceptionally()));
        assertEquals(List.of("1 sent", "3 sent"), outcomes);
        assertEquals(0, publisher.queued());
    }

    @Test
    void aFailedBatchFailsItsEventsClearlyAndTheNextOneStillGoes() {
        TopicPublisher publisher = publisher(100);
        CompletableFuture<Void> lost = publisher.publish("1");
        CompletableFuture<Void> next = publisher.publish("2");
        replies.get(0).completeExceptionally(new IllegalStateException("connection reset"));
        EventNotPublishedException failure = (EventNotPublishedException) assertThrows(Exception.class, lost::join).getCause();
        assertTrue(failure.getMessage().contains("Topic chat") && failure.getMessage().contains("connection reset"),
                failure.getMessage());
        assertEquals(List.of(List.of("1"), List.of("2")), batches);
        replies.get(1).complete("OK");
        assertTrue(next.isDone() && !next.isCompletedExceptionally());
        assertEquals(List.of("1 failed", "1 sent"), outcomes);
    }

    @Test
    void aFullQueueRefusesAfterTheWaitAndAReplyMakesRoom() {
        TopicPublisher publisher = publisher(2);
        publisher.publish("1");
        publisher.publish("2");
        EventNotPublishedException refused = assertThrows(EventNotPublishedException.class, () -> publisher.publish("3"));
        assertTrue(refused.getMessage().contains("Topic chat") && refused.getMessage().contains("not published"),
                refused.getMessage());
        replies.get(0).complete("OK");
        publisher.publish("3");
        replies.get(1).complete("OK");
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("3")), batches, "the refused event was never queued");
    }
}
