package org.redisee.sample.websocket;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.redisee.sample.account.SignedIn;

/**
 * Copies who is connecting from the HTTP session of the WebSocket handshake (the Redis session, found by its cookie)
 * into the connection's user properties, which are per connection since WebSocket 2.1. {@link RoomEndpoint} refuses
 * connections without a user.
 *
 * <p>A handshake from another site's page (its {@code Origin} is not this host) gets no user: otherwise any page could
 * open a socket with the visitor's cookie and read the chat.
 */
public class HandshakeIdentity extends ServerEndpointConfig.Configurator {

    static final String USER = "chat.user";
    static final String SESSION_ID = "chat.session-id";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        if (request.getHttpSession() instanceof HttpSession session && sameOrigin(request.getHeaders())) {
            SignedIn.user(session).ifPresent(user -> {
                config.getUserProperties().put(USER, user);
                config.getUserProperties().put(SESSION_ID, session.getId());
            });
        }
    }

    /** Browsers always send {@code Origin} with a WebSocket handshake; other clients need the cookie all the same. */
    private static boolean sameOrigin(Map<String, List<String>> headers) {
        String origin = header(headers, "Origin");
        if (origin == null) {
            return true;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(header(headers, "Host"));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Header names are case-insensitive, but not every server's map of them is. */
    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0)).findFirst().orElse(null);
    }
}
