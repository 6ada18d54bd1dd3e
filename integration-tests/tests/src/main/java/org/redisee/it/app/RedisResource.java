package org.redisee.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.redisson.api.RedissonClient;

/** Uses the default client once per request, so a test can be sure that the client exists and works. */
@Path("redis")
@RequestScoped
public class RedisResource {

    @Inject
    RedissonClient redis;

    /** Increments a counter in Redis and returns its new value. */
    @GET
    @Path("ping")
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return Long.toString(redis.getAtomicLong("it:ping").incrementAndGet());
    }
}
