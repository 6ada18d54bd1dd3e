package org.redisee.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS for the test applications: everything under {@code /<war>/api}. */
@ApplicationPath("api")
public class RestApp extends Application {
}
