package org.redisee.event;

import org.redisson.api.RFuture;
import org.redisson.api.RStream;
import org.redisson.api.RStreamAsync;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.ObjLongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A topic on a Redis stream, {@code <key-prefix>:topic:<name>:stream}, trimmed to the retention at every publish.
 * Each node reads it through a consumer group named after the node ({@code redisee.node-id}), which Redis keeps while
 * the node is away: when it comes back it reads what it missed, still within the retention. Each event is
 * acknowledged once delivered; a node that dies while delivering one delivers it again when it comes back.
 */
final class ReliableTopic implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReliableTopic.class.getName());
    private static final String FIELD = "event";
    private static final String CONSUMER = "redisee";
    private static final int BATCH = 100;
    private static final Duration BLOCK = Duration.ofSeconds(1);

    private final RStream<String, String> stream;
    private final String topic;
    private final Duration retention;
    private final java.util.Queue<StreamMessageId> unacknowledged = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private Thread reader;

    ReliableTopic(RedissonClient redisson, String streamKey, String topic, Duration retention) {
        this.stream = redisson.getStream(streamKey, StringCodec.INSTANCE);
        this.topic = topic;
        this.retention = retention;
    }

    String key() {
        return stream.getName();
    }

    /** Adds a message to this topic's stream, as {@code target} (the stream, or the stream in a batch) sends it. */
    RFuture<StreamMessageId> add(RStreamAsync<String, String> target, String message) {
        long oldest = System.currentTimeMillis() - retention.toMillis();
        return target.addAsync(StreamAddArgs.entry(FIELD, message).trim().minId(new StreamMessageId(Math.max(oldest, 0), 0)).noLimit());
    }

    /**
     * Starts reading as node {@code group}: first what it was given but did not acknowledge (a crash), then what it
     * has not been given. Each message goes to {@code receive} through {@code executor}, with the time Redis added it
     * (epoch ms), and is acknowledged after.
     */
    void subscribe(String group, Executor executor, ObjLongConsumer<String> receive, String threadName, ClassLoader loader) {
        try {
            stream.createGroup(StreamCreateGroupArgs.name(group).id(StreamMessageId.NEWEST).makeStream());
        } catch (RedisException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
            // the group exists: this node has read the topic before, and catches up from where it stopped
        }
        running = true;
        reader = new Thread(() -> read(group, executor, receive), threadName);
        reader.setDaemon(true);
        reader.setContextClassLoader(loader);
        reader.start();
    }

    /** Acknowledges a delivered event; if Redis is away, later, so that it is not delivered again. */
    private void acknowledge(String group, StreamMessageId id) {
        try {
            stream.ack(group, id);
        } catch (RuntimeException e) {
            unacknowledged.add(id);
        }
    }

    private void read(String group, Executor executor, ObjLongConsumer<String> receive) {
        StreamReadGroupArgs pending = StreamReadGroupArgs.greaterThan(StreamMessageId.ALL).count(BATCH);
        boolean catchingUp = true;
        while (running) {
            try {
                for (StreamMessageId id = unacknowledged.peek(); id != null; id = unacknowledged.peek()) {
                    stream.ack(group, id);
                    unacknowledged.remove(id);
                }
                Map<StreamMessageId, Map<String, String>> batch = stream.readGroup(group, CONSUMER, catchingUp ? pending
                        : StreamReadGroupArgs.neverDelivered().count(BATCH).timeout(BLOCK));
                if (catchingUp && batch.isEmpty()) {
                    catchingUp = false;
                }
                batch.forEach((id, fields) -> executor.execute(() -> {
                    String message = fields.get(FIELD);
                    if (message != null) {
                        receive.accept(message, id.getId0());
                    }
                    acknowledge(group, id);
                }));
                if (catchingUp) {
                    pending = StreamReadGroupArgs.greaterThan(batch.keySet().stream().reduce((a, b) -> b).orElse(StreamMessageId.ALL)).count(BATCH);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "Reliable topic " + topic + ": reading failed; retrying in 1 s: " + e);
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join(BLOCK.toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
