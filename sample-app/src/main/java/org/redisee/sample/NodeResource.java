package org.redisee.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.redisee.client.RedisCircuit;
import org.redisee.client.RedisClients;

/**
 * {@code GET /api/node}: which server answered, and whether it reaches Redis, for the page's status bar. Redis's
 * state comes from RedisEE's circuit, which its background probe keeps current, so this asks Redis nothing.
 */
@Path("node")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    /** {@code redisProblem} is empty while Redis is reachable; the links are null when not configured. */
    public record NodeInfo(String node, boolean redisReachable, String redisProblem, String health, String metrics) {
    }

    @Inject
    ChatSettings settings;

    @Inject
    RedisClients clients;

    @GET
    public NodeInfo node() {
        RedisCircuit circuit = clients.client("default").circuit();
        return new NodeInfo(settings.node(), !circuit.isOpen(), circuit.reason(),
                settings.healthUrl().orElse(null), settings.metricsUrl().orElse(null));
    }
}
