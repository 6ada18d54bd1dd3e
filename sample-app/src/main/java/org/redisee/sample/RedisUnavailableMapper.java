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
        String detail = innermostMessage(e);
        LOG.log(Level.WARNING, "Redis call failed: {0} ({1})", new Object[] {e, detail});
        String body = Json.createObjectBuilder()
                .add("error", "Redis is not available")
                .add("detail", detail)
                .build().toString();
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON)
                .entity(body)
                .build();
    }

    /** Redisson wraps the useful part ("Connection refused: /127.0.0.1:6379") in generic messages. */
    static String innermostMessage(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage();
        return message == null || message.isBlank() ? innermost.getClass().getSimpleName() : message;
    }
}
