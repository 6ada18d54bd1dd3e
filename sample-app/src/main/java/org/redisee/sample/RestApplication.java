package org.redisee.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS API of the sample lives under {@code /api}. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
