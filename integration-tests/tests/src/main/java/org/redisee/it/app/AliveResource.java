package org.redisee.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Answers without touching Redis: shows that the application deployed and serves requests. */
@Path("alive")
@ApplicationScoped
public class AliveResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String alive() {
        return "alive";
    }
}
