package org.redisee.sample.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.redisee.event.RedisTopic;
import org.redisee.sample.ChatSettings;
import org.redisee.sample.Json;
import org.redisee.sample.account.SessionEnded;
import org.redisee.sample.presence.Connection;
import org.redisee.sample.presence.Presence;
import org.redisee.sample.presence.PresenceChange;
import org.redisee.sample.room.ChatMessage;

/**
 * This node's WebSocket connections, and what reaches them. The observers hear the Redis topic "chat": events fired
 * on this node and, through Redis, on every other node, so a message sent on node A reaches the sockets on node B.
 */
@ApplicationScoped
public class RoomSockets {

    private static final Logger LOG = Logger.getLogger(RoomSockets.class.getName());

    private final Map<Session, Connection> connections = new ConcurrentHashMap<>();

    @Inject
    Presence presence;

    @Inject
    ChatSettings settings;

    @Inject
    @RedisTopic("chat")
    Event<PresenceChange> presenceChanges;

    void join(Session socket, String room, String user) {
        Connection connection = new Connection(room, user, settings.node(), socket.getId());
        connections.put(socket, connection);
        presence.connect(connection);
        presenceChanges.fire(new PresenceChange(room, user, true));
    }

    void leave(Session socket) {
        Connection connection = connections.remove(socket);
        if (connection != null) {
            presence.disconnect(connection);
            presenceChanges.fire(new PresenceChange(connection.room(), connection.user(), false));
        }
    }

    /** For the heartbeat. */
    public Collection<Connection> connections() {
        return List.copyOf(connections.values());
    }

    /**
     * Pings every socket. Browsers do not ping, and a connection that carries nothing for a while is closed: by
     * WildFly after 90 seconds in our runs, and by many proxies after 60.
     */
    public void ping() {
        connections.keySet().forEach(socket -> {
            try {
                socket.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            } catch (IOException | IllegalStateException closing) {
                LOG.log(Level.FINE, "Could not ping a socket", closing);
            }
        });
    }

    void onMessage(@Observes @RedisTopic("chat") ChatMessage message) {
        send(message.room(), new Frame.Message(message));
    }

    /** Sends the room's current users, read after the change, so the last frame a client gets is up to date. */
    void onPresence(@Observes @RedisTopic("chat") PresenceChange change) {
        if (connections.values().stream().anyMatch(c -> c.room().equals(change.room()))) {
            send(change.room(), new Frame.Presence(change.user(), change.joined(), presence.usersIn(change.room()),
                    presence.online().size()));
        }
    }

    void onSessionEnded(@Observes @RedisTopic("chat") SessionEnded ended) {
        connections.keySet().stream()
                .filter(socket -> ended.sessionId().equals(sessionIdOf(socket)))
                .forEach(socket -> close(socket, "Logged out."));
    }

    private void send(String room, Frame frame) {
        String json = Json.write(frame);
        connections.forEach((socket, connection) -> {
            if (connection.room().equals(room) && socket.isOpen()) {
                socket.getAsyncRemote().sendText(json, result -> {
                    if (!result.isOK()) {
                        LOG.log(Level.FINE, "Could not push to a socket of room " + room, result.getException());
                    }
                });
            }
        });
    }

    private static Object sessionIdOf(Session socket) {
        return socket.getUserProperties().get(HandshakeIdentity.SESSION_ID);
    }

    private static void close(Session socket, String reason) {
        try {
            socket.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing a socket", e);
        }
    }
}
