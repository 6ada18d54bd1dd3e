package org.redisee.event;

import jakarta.enterprise.concurrent.ContextService;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's container context for work on RedisEE's own threads: where the server offers Jakarta
 * Concurrency's default {@code ContextService}, what runs through {@link #contextual} sees the application's naming
 * ({@code java:comp}), class loader and the server's other contexts, as on the container's managed threads. Captured
 * once, at start, on the deployment's thread.
 */
final class ApplicationContext {

    private static final Logger LOG = Logger.getLogger(ApplicationContext.class.getName());
    private static final String CONTEXT_SERVICE = "java:comp/DefaultContextService";

    private ApplicationContext() {
    }

    /** {@code task} behind a proxy that runs each call in the application's context; {@code task} itself outside a server. */
    static <T> T contextual(T task, Class<T> type) {
        try {
            ContextService contexts = (ContextService) new InitialContext().lookup(CONTEXT_SERVICE);
            return contexts.createContextualProxy(task, type);
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "No " + CONTEXT_SERVICE + " (not in a Jakarta EE server): observers of other nodes' events"
                    + " run with the application's class loader only", e);
            return task;
        }
    }
}
