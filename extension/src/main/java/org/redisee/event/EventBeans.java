package org.redisee.event;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ObserverMethod;
import org.redisee.client.ConfigValues;
import org.redisee.client.RedisClients;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CDI side of events: collects {@link RedisTopic} observers and {@code Event} injection points while the
 * container starts, adds for each topic an observer that publishes what is fired locally (after the transaction
 * commits, by default), and fires what other nodes publish to the local observers. The extension calls it; it
 * observes nothing itself.
 */
public final class EventBeans {

    /** Topic to the payload types its observers declare, by class name. */
    private final Map<String, Map<String, Class<?>>> observed = new ConcurrentHashMap<>();
    private final Set<String> injected = ConcurrentHashMap.newKeySet();
    private final Map<String, TopicSettings> settings = new TreeMap<>();
    /**
     * Events being delivered from other nodes, with their topic: the publishing observer of that topic hears them
     * too, and must not send them back. Firing one on another topic publishes it there.
     */
    private final Map<Object, String> inbound = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile RedisTopicBridge bridge;
    private String nodeId;
    private volatile jakarta.enterprise.inject.Instance<RequestContextController> requestContexts;

    public void collect(ObserverMethod<?> observer) {
        if (observer.getBeanClass() == EventBeans.class) {
            return;
        }
        observer.getObservedQualifiers().stream().filter(RedisTopic.class::isInstance).findFirst().ifPresent(qualifier -> {
            String topic = ((RedisTopic) qualifier).value();
            Class<?> type = rawType(observer.getObservedType());
            if (type != null) {
                observed.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).put(type.getName(), type);
            }
        });
    }

    public void collect(InjectionPoint injectionPoint) {
        if (rawType(injectionPoint.getType()) == Event.class) {
            injectionPoint.getQualifiers().stream().filter(RedisTopic.class::isInstance)
                    .forEach(q -> injected.add(((RedisTopic) q).value()));
        }
    }

    /** Reads and validates every topic's settings; returns the clients the topics use. */
    public Set<String> validate(ConfigValues values) {
        TopicSettingsReader reader = new TopicSettingsReader(values);
        Set<String> names = new TreeSet<>(reader.configuredTopics());
        names.addAll(observed.keySet());
        names.addAll(injected);
        names.forEach(name -> settings.put(name, reader.read(name)));
        injected.stream().filter(RedisTopicBridge::isPattern).forEach(topic -> values.problem("@RedisTopic(\"" + topic
                + "\") is injected on an Event, but that name is a pattern: events are published to one topic"));
        nodeId = values.string(org.redisee.client.RedisClientSettingsReader.PREFIX + "node-id").orElseGet(EventBeans::hostName);
        Set<String> clients = new TreeSet<>();
        settings.values().forEach(topic -> clients.add(topic.client()));
        return clients;
    }

    /** For each topic that can be published to, an observer that publishes: sync (transactional) and async. */
    public void register(AfterBeanDiscovery discovery) {
        for (TopicSettings topic : settings.values()) {
            if (RedisTopicBridge.isPattern(topic.name())) {
                continue;
            }
            discovery.addObserverMethod()
                    .beanClass(EventBeans.class)
                    .observedType(Object.class)
                    .qualifiers(RedisTopic.Literal.of(topic.name()))
                    .reception(Reception.ALWAYS)
                    .transactionPhase(topic.afterCommit() ? TransactionPhase.AFTER_SUCCESS : TransactionPhase.IN_PROGRESS)
                    .notifyWith(event -> publish(topic.name(), event, false));
            discovery.addObserverMethod()
                    .beanClass(EventBeans.class)
                    .observedType(Object.class)
                    .qualifiers(RedisTopic.Literal.of(topic.name()))
                    .async(true)
                    .notifyWith(event -> publish(topic.name(), event, true));
        }
    }

    /** Subscribes the observed topics; the clients are running. */
    public void start(RedisClients clients, String keyPrefix, BeanManager beanManager, ClassLoader applicationLoader) {
        if (settings.isEmpty()) {
            return;
        }
        RedisTopicBridge started = new RedisTopicBridge(clients, keyPrefix, settings, applicationLoader, nodeId);
        requestContexts = beanManager.createInstance().select(RequestContextController.class);
        bridge = started;
        RedisTopicBridge.Delivery delivery = ApplicationContext.contextual(
                (name, payload, qualifiers, async) -> deliver(beanManager, name, payload, qualifiers, async),
                RedisTopicBridge.Delivery.class);
        observed.forEach((topic, types) -> started.subscribe(topic, Map.copyOf(types), delivery));
    }

    public void stop() {
        RedisTopicBridge running = bridge;
        bridge = null;
        if (running != null) {
            running.close();
        }
    }

    private void publish(String topic, EventContext<Object> event, boolean async) {
        Object payload = event.getEvent();
        if (topic.equals(inbound.get(payload))) {
            return;
        }
        RedisTopicBridge running = bridge;
        if (running == null) {
            throw new IllegalStateException("RedisEE events are not running: the application is not started or already stopped");
        }
        List<Annotation> qualifiers = event.getMetadata().getQualifiers().stream()
                .filter(q -> !(q instanceof RedisTopic) && !(q instanceof Any) && !(q instanceof Default)).toList();
        running.publish(topic, payload, qualifiers, async);
    }

    /**
     * Fires an event from another node to this node's observers as it was fired there: {@code fire} to the
     * {@code @Observes} observers, with a request context active, {@code fireAsync} to the {@code @ObservesAsync} ones.
     */
    private void deliver(BeanManager beanManager, String topic, Object payload, List<Annotation> qualifiers, boolean async) {
        Annotation[] all = new Annotation[qualifiers.size() + 1];
        qualifiers.toArray(all);
        all[qualifiers.size()] = RedisTopic.Literal.of(topic);
        Event<Object> event = beanManager.getEvent().select(all);
        inbound.put(payload, topic);
        if (async) {
            event.fireAsync(payload).whenComplete((done, failure) -> inbound.remove(payload));
            return;
        }
        RequestContextController requestContext = requestContexts.get();
        requestContext.activate();
        try {
            event.fire(payload);
        } finally {
            requestContext.deactivate();
            inbound.remove(payload);
        }
    }

    /** The default node id: the host name, which is stable across restarts of one host's single server. */
    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> raw) {
            return raw;
        }
        return type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw ? raw : null;
    }
}
