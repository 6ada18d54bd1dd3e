package org.redisee.it.support;

import java.net.URI;
import java.net.URL;

/**
 * Where the server under test publishes health and metrics. Each server module's failsafe execution sets:
 * <ul>
 *   <li>{@code it.healthUrl}: readiness, e.g. {@code http://127.0.0.1:10090/health/ready} (WildFly management
 *       interface) or {@code /health/ready} (Payara: the HTTP listener of the deployment);</li>
 *   <li>{@code it.metricsUrl}: Prometheus text, e.g. {@code http://127.0.0.1:10090/prometheus} (WildFly's
 *       Micrometer registry) or {@code /metrics} (Payara's MicroProfile Metrics).</li>
 * </ul>
 * A value that starts with {@code /} is taken relative to the host and port of the deployment.
 */
public final class ServerEndpoints {

    private ServerEndpoints() {
    }

    public static URI readiness(URL deployment) {
        return resolve(deployment, "it.healthUrl");
    }

    public static URI metrics(URL deployment) {
        return resolve(deployment, "it.metricsUrl");
    }

    private static URI resolve(URL deployment, String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: the server module's failsafe "
                    + "execution must set it for the tests it runs (or exclude their tag)");
        }
        return Http.resolve(deployment, value);
    }
}
