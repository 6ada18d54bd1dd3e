package org.redisee.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The chat's HTTP API lives under {@code /api}; the WebSockets under {@code /ws}. */
@ApplicationPath("/api")
public class ChatApplication extends Application {
}
