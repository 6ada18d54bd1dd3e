package org.redisee.sample.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.redisee.ratelimit.RateLimited;
import org.redisee.sample.ErrorBody;
import org.redisee.sample.profile.ProfileService;

/**
 * {@code POST /api/accounts}: registers and signs in. Limited per client address, since each registration costs a
 * password hash (about 0.25 s of CPU).
 */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    Accounts accounts;

    @Inject
    ProfileService profiles;

    @Context
    HttpServletRequest request;

    @POST
    @RateLimited(name = "register", limit = 10, window = "PT10M", key = RateLimited.KeySource.IP)
    public Response register(Credentials credentials) {
        if (credentials == null) {
            throw ErrorBody.exception(Response.Status.BAD_REQUEST, "Send a user name and a password.");
        }
        if (!accounts.register(credentials.name(), credentials.password())) {
            throw ErrorBody.exception(Response.Status.CONFLICT, "The name " + credentials.name() + " is taken.");
        }
        SignedIn.start(request, credentials.name());
        return Response.status(Response.Status.CREATED).entity(profiles.profile(credentials.name())).build();
    }
}
