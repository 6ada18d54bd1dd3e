package org.redisee.it.ratelimit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.redisee.ratelimit.RateLimitKey;
import org.redisee.ratelimit.RateLimited;

/** JAX-RS methods under rate limits, for {@code RateLimitIT}. */
@Path("limited")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class LimitedResource {

    @GET
    @Path("ip")
    @RateLimited(name = "it-ip", limit = 3, window = "PT1M", key = RateLimited.KeySource.IP)
    public String perIp() {
        return "ok";
    }

    @GET
    @Path("me")
    @RateLimited(name = "it-principal", limit = 2, window = "PT1M", key = RateLimited.KeySource.PRINCIPAL)
    public String perPrincipal(@Context SecurityContext security) {
        return "ok " + (security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName());
    }

    @GET
    @Path("user/{user}")
    @RateLimited(name = "it-user", limit = 2, window = "PT1M", key = RateLimited.KeySource.PARAMETER)
    public String perUser(@RateLimitKey @PathParam("user") String user) {
        return "ok " + user;
    }
}
