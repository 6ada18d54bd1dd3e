package org.redisee.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RedissonClient;

/**
 * A counter shared by every node and every browser: one {@code RAtomicLong} in Redis.
 * Try {@code redis-cli get redisee:sample:counter} while you click.
 */
@Path("counter")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CounterResource {

    static final String KEY = "redisee:sample:counter";

    @Inject
    RedissonClient redis;

    public record Counter(String key, long value) {
    }

    @GET
    public Counter get() {
        return new Counter(KEY, counter().get());
    }

    @POST
    public Counter increment() {
        return new Counter(KEY, counter().incrementAndGet());
    }

    private RAtomicLong counter() {
        return redis.getAtomicLong(KEY);
    }
}
