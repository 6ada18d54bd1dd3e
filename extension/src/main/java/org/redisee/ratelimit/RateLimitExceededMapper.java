package org.redisee.ratelimit;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * HTTP 429 for {@link RateLimitExceededException}, with the {@link RateLimitHeaders}. JAX-RS finds it in the war's
 * libraries by its {@code @Provider} annotation.
 */
@Provider
public class RateLimitExceededMapper implements ExceptionMapper<RateLimitExceededException> {

    @Override
    public Response toResponse(RateLimitExceededException exception) {
        Response.ResponseBuilder response = Response.status(429).type(MediaType.TEXT_PLAIN_TYPE).entity(exception.getMessage());
        RateLimitHeaders.of(exception.policy(), exception.decision()).forEach(response::header);
        return response.build();
    }
}
