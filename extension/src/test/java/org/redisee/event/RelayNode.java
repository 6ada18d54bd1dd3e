package org.redisee.event;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Forwards what it hears on "chat" to "relay", when told to: the very object received, not a copy. */
@Singleton
public class RelayNode {

    @Inject
    @RedisTopic("relay")
    Event<ChatMessage> relay;

    volatile boolean forwarding;
    final List<String> relayed = new CopyOnWriteArrayList<>();

    void forward(@Observes @RedisTopic("chat") ChatMessage message) {
        if (forwarding) {
            relay.fire(message);
        }
    }

    void heard(@Observes @RedisTopic("relay") ChatMessage message) {
        relayed.add(message.text);
    }
}
