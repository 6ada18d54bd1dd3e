package org.redisee.event;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends one topic's messages to Redis in the order they are given, pipelined. One batch is on its way at a time; the
 * messages that queue up meanwhile go together in the next one, on one connection, once it is answered. So publishing
 * threads share round trips, and no event overtakes one given before it, as separate commands on Redisson's pooled
 * connections would. At most {@code capacity} messages wait; beyond that {@link #publish} waits for room.
 */
final class TopicPublisher {

    static final int MAX_BATCH = 512;

    /** Called once per batch, on the thread that completed it: how many messages went, and the failure if any. */
    @FunctionalInterface
    interface Outcome {
        void sent(int messages, Throwable failure);
    }

    private record Pending(String message, CompletableFuture<Void> sent) {
    }

    private final String topic;
    private final Function<List<String>, CompletionStage<?>> sendBatch;
    private final Outcome outcome;
    private final Semaphore room;
    private final Duration waitLimit;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean sending;

    /**
     * @param sendBatch sends the messages, in order, on one connection; its stage completes when Redis answered
     * @param waitLimit how long {@link #publish} waits for room, and {@link #publishAndWait} for Redis's answer
     */
    TopicPublisher(String topic, Function<List<String>, CompletionStage<?>> sendBatch, Outcome outcome, int capacity,
                   Duration waitLimit) {
        this.topic = topic;
        this.sendBatch = sendBatch;
        this.outcome = outcome;
        this.room = new Semaphore(capacity);
        this.waitLimit = waitLimit;
    }

    /**
     * Queues a message behind those given before it.
     *
     * @return completes when Redis has taken the message, or exceptionally if it did not
     * @throws EventNotPublishedException when no room came free within the wait
     */
    CompletableFuture<Void> publish(String message) {
        awaitRoom();
        Pending pending = new Pending(message, new CompletableFuture<>());
        List<Pending> batch;
        synchronized (this) {
            queue.add(pending);
            if (sending) {
                return pending.sent();
            }
            sending = true;
            batch = nextBatch();
        }
        send(batch);
        return pending.sent();
    }

    /**
     * Queues a message and waits until Redis has taken it, as long as {@code publish} waits for room.
     *
     * @throws EventNotPublishedException when Redis did not take it, or did not answer in time
     */
    void publishAndWait(String message) {
        try {
            publish(message).get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof EventNotPublishedException notPublished ? notPublished
                    : new EventNotPublishedException("Topic " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new EventNotPublishedException("Topic " + topic + ": Redis did not answer within " + waitLimit.toMillis()
                    + " ms; the event may or may not have been published");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException("Topic " + topic + ": interrupted while publishing", e);
        }
    }

    /** Messages queued and not yet answered. */
    synchronized int queued() {
        return queue.size();
    }

    private void awaitRoom() {
        try {
            if (!room.tryAcquire(waitLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new EventNotPublishedException("Topic " + topic + ": " + queued() + " events are waiting for Redis,"
                        + " and none was sent within " + waitLimit.toMillis() + " ms; this event is not published");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException("Topic " + topic + ": interrupted while waiting to publish", e);
        }
    }

    /** Takes the next batch off the queue; the caller holds the lock. */
    private List<Pending> nextBatch() {
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
            batch.add(queue.poll());
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        CompletionStage<?> reply;
        try {
            reply = sendBatch.apply(batch.stream().map(Pending::message).toList());
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((ignored, failure) -> {
            room.release(batch.size());
            outcome.sent(batch.size(), failure); // counted before any caller returns, so counts match what callers saw
            for (Pending pending : batch) {
                if (failure == null) {
                    pending.sent().complete(null);
                } else {
                    pending.sent().completeExceptionally(new EventNotPublishedException(
                            "Topic " + topic + ": Redis did not take the event: " + failure, failure));
                }
            }
            List<Pending> next;
            synchronized (this) {
                if (queue.isEmpty()) {
                    sending = false;
                    return;
                }
                next = nextBatch();
            }
            send(next);
        });
    }
}
