package org.redisee.event;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.redisee.client.RedisClientSettings;
import org.redisee.client.RedisClients;
import org.redisee.serial.JsonDepth;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RPatternTopic;
import org.redisson.api.RShardedTopic;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Events to Redis topics and back, apart from CDI. Publishing sends one JSON {@link EventEnvelope} per event on
 * {@code <key-prefix>:topic:<name>}. Receiving skips the node's own events (the firing node's observers have run),
 * reads only payload types that an observer of the topic declared, and hands each event to a {@link Delivery} on the
 * bridge's own threads, which carry the application's class loader: in order per topic unless the topic says
 * otherwise. A message that cannot be read is logged, counted and skipped; the listener goes on.
 */
public final class RedisTopicBridge implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisTopicBridge.class.getName());
    private static final int THREADS = 4;
    /** Events a topic's publisher holds while Redis is slow or away; then {@code fire} waits, and fails. */
    static final int MAX_QUEUED = 10_000;

    /** Where received events go: the CDI side fires them to the observers. */
    @FunctionalInterface
    public interface Delivery {
        void deliver(String topic, Object payload, List<Annotation> qualifiers, boolean async);
    }

    private final String origin = UUID.randomUUID().toString();
    private final RedisClients clients;
    private final String channelPrefix;
    private final Map<String, TopicSettings> settings;
    private final QualifierCodec qualifierCodec;
    private final Jsonb jsonb = JsonbBuilder.create();
    private final ExecutorService threads;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final Map<String, EventMeters> meters = new ConcurrentHashMap<>();
    private final List<Runnable> unsubscribes = new ArrayList<>();
    private final Map<String, ReliableTopic> reliableTopics = new ConcurrentHashMap<>();
    private final Map<String, TopicPublisher> publishers = new ConcurrentHashMap<>();
    private final String nodeId;
    private final ClassLoader applicationLoader;

    /** @param nodeId this node's stable name, under which reliable topics remember what it has read */
    public RedisTopicBridge(RedisClients clients, String keyPrefix, Map<String, TopicSettings> settings,
                            ClassLoader applicationLoader, String nodeId) {
        this.clients = clients;
        this.nodeId = nodeId;
        this.applicationLoader = applicationLoader;
        this.channelPrefix = keyPrefix + ":topic:";
        this.settings = Map.copyOf(settings);
        this.qualifierCodec = new QualifierCodec(applicationLoader);
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "redisee-events-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(applicationLoader);
            return thread;
        });
    }

    static boolean isPattern(String topic) {
        return topic.indexOf('*') >= 0 || topic.indexOf('?') >= 0 || topic.indexOf('[') >= 0;
    }

    /** Publishes one event; the qualifiers other than {@link RedisTopic} travel with it. */
    public void publish(String topic, Object payload, Collection<Annotation> qualifiers, boolean async) {
        TopicSettings topicSettings = settings(topic);
        List<EventEnvelope.QualifierData> data = qualifiers.stream().map(QualifierCodec::write).toList();
        long sequence = sequences.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
        String message = new EventEnvelope(origin, sequence, async, payload.getClass().getName(), data,
                jsonb.toJson(payload)).toJson();
        TopicPublisher publisher = publisher(topicSettings);
        if (topicSettings.confirm()) {
            publisher.publishAndWait(message);
        } else {
            publisher.publish(message);
        }
    }

    /** Long enough for Redisson's own attempts at the batch before this one and at this one's. */
    private static Duration confirmationLimit(RedisClientSettings client) {
        return client.timeout().plus(client.retryDelay()).multipliedBy(2L * (client.retryAttempts() + 1)).plusSeconds(1);
    }

    private TopicPublisher publisher(TopicSettings topic) {
        return publishers.computeIfAbsent(topic.name(), name -> {
            EventMeters topicMeters = meters(name);
            TopicPublisher publisher = new TopicPublisher(name, sender(topic), (count, failure) -> {
                for (int i = 0; i < count; i++) {
                    (failure == null ? topicMeters.published : topicMeters.unsent).increment();
                }
                if (failure != null && !topic.confirm()) {
                    LOG.warning("Topic " + name + ": " + count + " events not published: " + failure);
                }
            }, MAX_QUEUED, confirmationLimit(clients.client(topic.client()).settings()));
            topicMeters.queued(publisher::queued);
            return publisher;
        });
    }

    /** Sends a batch of messages in order: alone as one command, or as one Redisson batch on one connection. */
    private Function<List<String>, CompletionStage<?>> sender(TopicSettings topic) {
        RedissonClient redisson = clients.client(topic.client()).redisson();
        String channel = channelPrefix + topic.name();
        BiFunction<RBatch, String, RFuture<?>> inBatch;
        Function<String, RFuture<?>> alone;
        if (topic.reliable()) {
            ReliableTopic stream = reliable(topic);
            inBatch = (batch, message) -> stream.add(batch.getStream(stream.key(), StringCodec.INSTANCE), message);
            alone = message -> stream.add(redisson.getStream(stream.key(), StringCodec.INSTANCE), message);
        } else if (topic.sharded()) {
            inBatch = (batch, message) -> batch.getShardedTopic(channel, StringCodec.INSTANCE).publishAsync(message);
            alone = redisson.getShardedTopic(channel, StringCodec.INSTANCE)::publishAsync;
        } else {
            inBatch = (batch, message) -> batch.getTopic(channel, StringCodec.INSTANCE).publishAsync(message);
            alone = redisson.getTopic(channel, StringCodec.INSTANCE)::publishAsync;
        }
        return messages -> {
            if (messages.size() == 1) {
                return alone.apply(messages.get(0));
            }
            RBatch batch = redisson.createBatch(BatchOptions.defaults());
            messages.forEach(message -> inBatch.apply(batch, message));
            return batch.executeAsync();
        };
    }

    /**
     * Listens to a topic, or to a pattern of topics.
     *
     * @param observedTypes the payload classes the topic's observers declare, by name: nothing else is read
     */
    public void subscribe(String topic, Map<String, Class<?>> observedTypes, Delivery delivery) {
        TopicSettings topicSettings = settings(topic);
        java.util.concurrent.Executor executor = topicSettings.ordered() ? new SerialExecutor(threads) : threads;
        RedissonClient redisson = clients.client(topicSettings.client()).redisson();
        if (topicSettings.reliable()) {
            EventMeters topicMeters = meters(topic);
            reliable(topicSettings).subscribe(nodeId, executor, (message, publishedAt) -> {
                topicMeters.lag.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - publishedAt)));
                receive(topic, message, observedTypes, delivery);
            }, "redisee-events-" + topic, applicationLoader);
        } else if (isPattern(topic)) {
            RPatternTopic patternTopic = redisson.getPatternTopic(channelPrefix + topic, StringCodec.INSTANCE);
            int id = patternTopic.addListener(String.class, (pattern, channel, message) ->
                    executor.execute(() -> receive(topic, message, observedTypes, delivery)));
            unsubscribes.add(() -> patternTopic.removeListener(id));
        } else if (topicSettings.sharded()) {
            RShardedTopic sharded = redisson.getShardedTopic(channelPrefix + topic, StringCodec.INSTANCE);
            int id = sharded.addListener(String.class, (channel, message) ->
                    executor.execute(() -> receive(topic, message, observedTypes, delivery)));
            unsubscribes.add(() -> sharded.removeListener(id));
        } else {
            RTopic plain = redisson.getTopic(channelPrefix + topic, StringCodec.INSTANCE);
            int id = plain.addListener(String.class, (channel, message) ->
                    executor.execute(() -> receive(topic, message, observedTypes, delivery)));
            unsubscribes.add(() -> plain.removeListener(id));
        }
    }

    private void receive(String topic, String message, Map<String, Class<?>> observedTypes, Delivery delivery) {
        EventMeters topicMeters = meters(topic);
        Object payload;
        boolean async;
        List<Annotation> qualifiers = new ArrayList<>();
        try {
            if (JsonDepth.tooDeep(message)) {
                // JSON-B reads nesting recursively: a few kilobytes of [[[[ would overflow this thread's stack
                throw new IllegalArgumentException("nested deeper than " + JsonDepth.MAX + " levels");
            }
            EventEnvelope envelope = EventEnvelope.parse(message);
            if (envelope.origin().equals(origin)) {
                return; // this node's own event: its observers ran when it was fired
            }
            Class<?> type = observedTypes.get(envelope.type());
            if (type == null) {
                throw new IllegalArgumentException("no observer of topic " + topic + " takes " + envelope.type()
                        + " (observed: " + observedTypes.keySet() + ")");
            }
            payload = jsonb.fromJson(envelope.payload(), type);
            async = envelope.async();
            for (EventEnvelope.QualifierData qualifier : envelope.qualifiers()) {
                qualifiers.add(qualifierCodec.read(qualifier));
            }
        } catch (RuntimeException e) {
            topicMeters.failed.increment();
            LOG.warning("Topic " + topic + ": message skipped: " + e.getMessage() + "; message: " + abbreviate(message));
            return;
        }
        try {
            delivery.deliver(topic, payload, qualifiers, async);
            topicMeters.received.increment();
        } catch (RuntimeException e) {
            topicMeters.failed.increment();
            LOG.log(Level.WARNING, "Topic " + topic + ": an observer failed", e);
        }
    }

    private TopicSettings settings(String topic) {
        return settings.getOrDefault(topic, TopicSettings.defaults(topic));
    }

    private ReliableTopic reliable(TopicSettings topic) {
        return reliableTopics.computeIfAbsent(topic.name(), name -> new ReliableTopic(
                clients.client(topic.client()).redisson(), channelPrefix + name + ":stream", name, topic.retention()));
    }

    private EventMeters meters(String topic) {
        return meters.computeIfAbsent(topic, t -> new EventMeters(clients.metrics(), t));
    }

    private static String abbreviate(String message) {
        return message.length() <= 200 ? message : message.substring(0, 200) + "…";
    }

    /** Removes every listener, then stops the threads (letting queued events finish for up to 5 s). */
    @Override
    public void close() {
        unsubscribes.forEach(Runnable::run);
        unsubscribes.clear();
        reliableTopics.values().forEach(ReliableTopic::close);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing JSON-B", e);
        }
    }
}
