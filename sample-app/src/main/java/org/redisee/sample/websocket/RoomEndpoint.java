package org.redisee.sample.websocket;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.redisee.sample.account.SessionBlacklist;
import org.redisee.sample.room.Rooms;

/**
 * {@code /ws/rooms/<room>}: pushes the room's new messages and its user list to the browser. Only signed-in users
 * may connect (the handshake's HTTP session, see {@link HandshakeIdentity}); others are closed with code 1008 and a
 * reason the page shows. Sending goes through {@code POST /api/rooms/<room>/messages}, which answers bad input
 * with HTTP 400.
 */
@ServerEndpoint(value = "/ws/rooms/{room}", configurator = HandshakeIdentity.class)
public class RoomEndpoint {

    private static final Logger LOG = Logger.getLogger(RoomEndpoint.class.getName());

    @Inject
    RoomSockets sockets;

    @Inject
    Rooms rooms;

    @Inject
    SessionBlacklist blacklist;

    @OnOpen
    public void open(Session socket, @PathParam("room") String room) throws IOException {
        String user = (String) socket.getUserProperties().get(HandshakeIdentity.USER);
        String refusal = refusal(socket, user, room);
        if (refusal != null) {
            socket.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, refusal));
            return;
        }
        sockets.join(socket, room, user);
    }

    @OnClose
    public void close(Session socket) {
        sockets.leave(socket);
    }

    /** Why the connection is refused, or null. The reason must stay under 123 bytes (a close frame's limit). */
    private String refusal(Session socket, String user, String room) {
        if (user == null) {
            return "Sign in first.";
        }
        if (blacklist.contains((String) socket.getUserProperties().get(HandshakeIdentity.SESSION_ID))) {
            return "This session was logged out. Sign in again.";
        }
        if (!Rooms.isValidName(room) || !rooms.isActive(room)) {
            return "There is no such room. Create it first.";
        }
        return null;
    }

    @OnError
    public void error(Session socket, Throwable failure) {
        LOG.log(Level.FINE, "WebSocket " + socket.getId() + " failed", failure);
    }
}
