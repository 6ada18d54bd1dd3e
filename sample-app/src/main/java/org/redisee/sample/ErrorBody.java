package org.redisee.sample;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every error of the API is {@code {"error": "<a sentence for the user>"}}, which the page shows as it is. */
public record ErrorBody(String error) {

    public static Response response(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message)).build();
    }

    public static WebApplicationException exception(Response.Status status, String message) {
        return new WebApplicationException(message, response(status, message));
    }
}
