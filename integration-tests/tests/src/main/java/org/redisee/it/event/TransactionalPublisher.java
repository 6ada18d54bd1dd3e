package org.redisee.it.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.redisee.event.RedisTopic;

/** Fires inside a JTA transaction, which then commits or rolls back. */
@ApplicationScoped
public class TransactionalPublisher {

    @Inject
    @RedisTopic("it-events")
    Event<EventMessage> events;

    @Transactional
    public void fire(String text, boolean rollBack) {
        events.fire(new EventMessage(text));
        if (rollBack) {
            throw new IllegalStateException("rolled back on purpose");
        }
    }
}
