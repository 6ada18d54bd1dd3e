package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.Health;
import org.redisee.it.support.Http;
import org.redisee.it.support.Poll;
import org.redisee.it.support.ServerEndpoints;

/**
 * Redis unreachable at deploy time (a loopback port where nothing listens) does not fail the deployment: the
 * application serves requests, and readiness is DOWN with a reason.
 */
@ExtendWith(ArquillianExtension.class)
class UnreachableRedisIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.redisApp("unreachable-it", Map.of("redisee.url", "redis://127.0.0.1:" + closedPort()));
    }

    @Test
    void deploysAndServes(@ArquillianResource URL base) {
        assertEquals("alive", Http.getOk(base, "api/alive"));
    }

    @Test
    @Tag("health")
    void readinessIsDownWithAReason(@ArquillianResource URL base) {
        URI ready = ServerEndpoints.readiness(base);
        Health down = Poll.until("readiness DOWN with a reason for the default client at " + ready,
                Duration.ofSeconds(20), () -> Health.read(ready), h -> h.clientDownWithReason("default"));
        System.out.println("[UnreachableRedisIT] " + down);
    }

    /** A loopback port that nothing listens on (it was free a moment ago). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
