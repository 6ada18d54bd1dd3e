package org.redisee.sample.profile;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.redisee.sample.ErrorBody;
import org.redisee.sample.account.SignedIn;

/** {@code GET /api/profiles/<name>} for any signed-in user; {@code PUT} for one's own. */
@Path("profiles/{name}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfileResource {

    @Inject
    ProfileService profiles;

    @Context
    HttpServletRequest request;

    @GET
    public Profile profile(@PathParam("name") String name) {
        SignedIn.require(request);
        Profile profile = profiles.profile(name);
        if (profile == null) {
            throw ErrorBody.exception(Response.Status.NOT_FOUND, "There is no user " + name + ".");
        }
        return profile;
    }

    @PUT
    public Profile update(@PathParam("name") String name, ProfileChange change) {
        if (!SignedIn.require(request).equals(name)) {
            throw ErrorBody.exception(Response.Status.FORBIDDEN, "You can change only your own profile.");
        }
        return profiles.update(name, change);
    }
}
