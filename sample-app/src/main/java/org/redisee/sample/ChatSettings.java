package org.redisee.sample;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The chat's own settings ({@code chat.*} in {@code META-INF/microprofile-config.properties}; system properties and
 * environment variables override them, as for every MicroProfile Config key).
 *
 * @param node          this server's name, shown on the page: {@code chat.node-name}, else WildFly's
 *                      {@code jboss.node.name}, else the host name
 * @param historyLength messages kept per room
 * @param historyTtl    a room's history expires this long after its last message
 * @param roomIdleAfter the nightly cleanup closes rooms without a message or a visitor for this long
 * @param healthUrl     where the page links MicroProfile Health, when the server's address for it is known
 * @param metricsUrl    where the page links the metrics
 */
public record ChatSettings(String node, ChatKeys keys, int historyLength, Duration historyTtl, Duration roomIdleAfter,
                           Optional<String> healthUrl, Optional<String> metricsUrl) {

    public static ChatSettings from(Config config) {
        return new ChatSettings(
                config.getOptionalValue("chat.node-name", String.class)
                        .orElseGet(() -> System.getProperty("jboss.node.name", hostName())),
                new ChatKeys(config.getOptionalValue("chat.key-prefix", String.class).orElse("chat")),
                config.getOptionalValue("chat.history.length", Integer.class).orElse(200),
                Duration.parse(config.getOptionalValue("chat.history.ttl", String.class).orElse("PT24H")),
                Duration.parse(config.getOptionalValue("chat.room.idle-after", String.class).orElse("PT24H")),
                config.getOptionalValue("chat.links.health", String.class),
                config.getOptionalValue("chat.links.metrics", String.class));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
