package org.redisee.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.redisee.client.RedisClients;

/**
 * MicroProfile Health readiness for every Redis client. Registered only when the server has MicroProfile Health.
 * There is deliberately no liveness check: restarting the application does not fix an unreachable Redis.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    @Inject
    RedisClients clients;

    @Override
    public HealthCheckResponse call() {
        RedisHealth.Report report = RedisHealth.check(clients);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(RedisHealth.NAME).status(report.up());
        report.data().forEach((key, value) -> {
            if (value instanceof Integer || value instanceof Long) {
                response.withData(key, ((Number) value).longValue());
            } else {
                response.withData(key, String.valueOf(value));
            }
        });
        return response.build();
    }
}
