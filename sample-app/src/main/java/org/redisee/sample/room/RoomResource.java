package org.redisee.sample.room;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.redisee.event.RedisTopic;
import org.redisee.sample.ErrorBody;
import org.redisee.sample.account.SignedIn;
import org.redisee.sample.profile.ProfileService;

/**
 * Rooms ({@code /api/rooms}) and their messages ({@code /api/rooms/<room>/messages}), for signed-in users. A message
 * is stored, then fired on the Redis topic "chat": every node, this one included, pushes it to its WebSockets of
 * the room.
 */
@Path("rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoomResource {

    @Inject
    Rooms rooms;

    @Inject
    ProfileService profiles;

    @Inject
    @RedisTopic("chat")
    Event<ChatMessage> chat;

    @Context
    HttpServletRequest request;

    @GET
    public List<Room> list() {
        SignedIn.require(request);
        return rooms.list();
    }

    /** Opens the room (201), or finds it open already (200): either way the caller can join it. */
    @POST
    public Response open(RoomName room) {
        SignedIn.require(request);
        String name = Rooms.requireValidName(room == null ? null : room.name());
        Response.Status status = rooms.create(name) ? Response.Status.CREATED : Response.Status.OK;
        return Response.status(status).entity(new RoomName(name)).build();
    }

    @GET
    @Path("{room}/messages")
    public List<ChatMessage> history(@PathParam("room") String room) {
        SignedIn.require(request);
        return rooms.history(requireActive(room));
    }

    @POST
    @Path("{room}/messages")
    public Response send(@PathParam("room") String room, Draft draft) {
        String author = SignedIn.require(request);
        ChatMessage message = ChatMessage.compose(requireActive(room), profiles.profile(author),
                draft == null ? null : draft.text(), Instant.now());
        rooms.append(message);
        chat.fire(message);
        return Response.status(Response.Status.CREATED).entity(message).build();
    }

    private String requireActive(String room) {
        if (!rooms.isActive(Rooms.requireValidName(room))) {
            throw ErrorBody.exception(Response.Status.NOT_FOUND, "There is no room " + room + ". Create it first.");
        }
        return room;
    }
}
