package org.redisee.it.nodes;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** HTTP access to {@link NodeCache}, so a client-side test can drive two deployments as two nodes. */
@Path("nodes")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class NodesResource {

    @Inject
    NodeCache cache;

    @GET
    @Path("read/{key}")
    public String read(@PathParam("key") String key) {
        return cache.read(key);
    }

    @GET
    @Path("write/{key}/{value}")
    public String write(@PathParam("key") String key, @PathParam("value") String value) {
        return cache.write(key, value);
    }

    @GET
    @Path("compute/{key}")
    public String compute(@PathParam("key") String key) throws InterruptedException {
        return cache.compute(key);
    }

    /** How often this deployment ran the body of {@code compute} for {@code key}. */
    @GET
    @Path("runs/{key}")
    public String runs(@PathParam("key") String key) {
        return Integer.toString(cache.runs(key));
    }
}
