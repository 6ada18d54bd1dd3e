package org.redisee.sample.presence;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.redisee.sample.websocket.RoomSockets;
import org.redisson.client.RedisException;

/**
 * Every 20 seconds on every node (no lock: each node vouches for its own connections): keeps this node's WebSockets
 * open and marks them alive in Redis.
 */
@Singleton
public class PresenceHeartbeat {

    private static final Logger LOG = Logger.getLogger(PresenceHeartbeat.class.getName());

    @Inject
    Presence presence;

    @Inject
    RoomSockets sockets;

    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false)
    void beat() {
        sockets.ping();
        try {
            presence.refresh(sockets.connections());
        } catch (RedisException e) {
            // The next beat tries again; until then, readers still count these entries as live.
            LOG.log(Level.WARNING, "Presence heartbeat skipped: {0}", e.getMessage());
        }
    }
}
