package org.redisee.sample;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.redisson.client.RedisException;

/** Redis down or slow: answer 503 with a short JSON reason instead of a stack trace. */
@Provider
public class RedisUnavailableMapper implements ExceptionMapper<RedisException> {

    private static final Logger LOG = Logger.getLogger(RedisUnavailableMapper.class.getName());

    @Override
    public Response toResponse(RedisException e) {
        LOG.log(Level.WARNING, "Redis call failed: {0}", e.toString());
        String body = Json.createObjectBuilder()
                .add("error", "Redis is not available")
                .add("detail", String.valueOf(e.getMessage()))
                .build().toString();
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON)
                .entity(body)
                .build();
    }
}
