package org.redisee.event;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One node's publisher and observers, for {@link RedisTopicBridgeTest}. */
@Singleton // no client proxy: the tests read the fields
public class ChatNode {

    @Inject
    @RedisTopic("chat")
    Event<ChatMessage> chat;

    @Inject
    @RedisTopic("rooms.lobby")
    Event<ChatMessage> lobby;

    @Inject
    @RedisTopic("rooms.kitchen")
    Event<ChatMessage> kitchen;

    final List<String> heard = new CopyOnWriteArrayList<>();
    final List<Long> numbers = new CopyOnWriteArrayList<>();

    void all(@Observes @RedisTopic("chat") ChatMessage message) {
        heard.add("chat " + message.text);
        numbers.add(message.number);
    }

    void urgent(@Observes @RedisTopic("chat") @Urgent(level = 2) ChatMessage message) {
        heard.add("urgent2 " + message.text);
    }

    void veryUrgent(@Observes @RedisTopic("chat") @Urgent(level = 3) ChatMessage message) {
        heard.add("urgent3 " + message.text);
    }

    void later(@ObservesAsync @RedisTopic("chat") ChatMessage message) {
        heard.add("async " + message.text);
    }

    void rooms(@Observes @RedisTopic("rooms.*") ChatMessage message) {
        heard.add("rooms " + message.room);
    }
}
