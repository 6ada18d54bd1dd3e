package org.redisee.it.event;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.redisee.event.RedisTopic;

/**
 * {@code /api/events/fire/<text>} fires on topic {@code it-events}; {@code /api/events/tx/<text>/<commit|rollback>}
 * fires inside a transaction; {@code /api/events/heard} lists what this node's observer heard, one per line.
 */
@Path("events")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class EventResource {

    @Inject
    @RedisTopic("it-events")
    Event<EventMessage> events;

    @Inject
    TransactionalPublisher transactional;

    @Inject
    EventLog log;

    @GET
    @Path("fire/{text}")
    public String fire(@PathParam("text") String text) {
        events.fire(new EventMessage(text));
        return "fired";
    }

    @GET
    @Path("tx/{text}/{outcome}")
    public String transactional(@PathParam("text") String text, @PathParam("outcome") String outcome) {
        try {
            transactional.fire(text, outcome.equals("rollback"));
            return "committed";
        } catch (IllegalStateException rolledBack) {
            return "rolled back";
        }
    }

    @GET
    @Path("heard")
    public String heard() {
        return String.join("\n", log.heard());
    }
}
