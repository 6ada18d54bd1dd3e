package org.redisee.ratelimit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * Adds the {@link RateLimitHeaders} of an allowed call to its JAX-RS response, for limits with
 * {@code response-headers=true}. The interceptor leaves them in a servlet request attribute, which JAX-RS exposes
 * as a request property. Headers the resource set itself are kept.
 */
@Provider
public class RateLimitResponseHeaders implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RateLimitHeaders.ATTRIBUTE) instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> {
                if (!response.getHeaders().containsKey((String) name)) {
                    response.getHeaders().add((String) name, value);
                }
            });
        }
    }
}
