package org.redisee.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.redisson.api.RedissonClient;

/** What the injected client sees: the Redis server it talks to. */
@Path("info")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    @Inject
    RedissonClient redis;

    @GET
    public RedisInfo info() {
        return RedisInfo.of(redis);
    }
}
