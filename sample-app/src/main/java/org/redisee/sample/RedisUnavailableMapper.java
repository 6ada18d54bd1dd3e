package org.redisee.sample;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.redisson.client.RedisException;

/** Redis down or slow: HTTP 503 with a sentence the page can show, instead of a stack trace. */
@Provider
public class RedisUnavailableMapper implements ExceptionMapper<RedisException> {

    public static final String MESSAGE =
            "Redis is unavailable right now; nothing was changed. Try again in a few seconds.";

    private static final Logger LOG = Logger.getLogger(RedisUnavailableMapper.class.getName());

    @Override
    public Response toResponse(RedisException e) {
        LOG.log(Level.WARNING, "Redis call failed: {0}", innermostMessage(e));
        return ErrorBody.response(Response.Status.SERVICE_UNAVAILABLE, MESSAGE);
    }

    /** Redisson wraps the useful part ("Connection refused: /127.0.0.1:6379") in generic messages. */
    private static String innermostMessage(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
    }
}
