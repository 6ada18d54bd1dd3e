package org.redisee.it.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.redisee.event.RedisTopic;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What this node's observer of {@code it-events} heard. */
@ApplicationScoped
public class EventLog {

    private final List<String> heard = new CopyOnWriteArrayList<>();

    void on(@Observes @RedisTopic("it-events") EventMessage message) {
        heard.add(message.text);
    }

    public List<String> heard() {
        return List.copyOf(heard);
    }
}
