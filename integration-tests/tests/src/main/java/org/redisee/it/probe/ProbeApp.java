package org.redisee.it.probe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The probe war: no RedisEE in it, only a view of the server JVM. */
@ApplicationPath("api")
public class ProbeApp extends Application {
}
