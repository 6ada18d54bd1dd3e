package org.redisee.health;

import org.redisee.client.ManagedRedisClient;
import org.redisee.client.RedisClients;
import org.redisee.client.RedisStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readiness of all clients, independent of the health API: probes each client now and reports UP only when every
 * client reaches Redis. Data keys are prefixed with the client name: {@code default.latency-ms}.
 */
public final class RedisHealth {

    /** The check's name, as it appears in {@code /health/ready}. */
    public static final String NAME = "redis";

    private RedisHealth() {
    }

    public record Report(boolean up, Map<String, Object> data) {
    }

    public static Report check(RedisClients clients) {
        boolean up = true;
        Map<String, Object> data = new LinkedHashMap<>();
        for (ManagedRedisClient client : clients.all()) {
            RedisStatus status = client.check();
            up &= status.reachable();
            String p = status.client() + ".";
            data.put(p + "status", status.reachable() ? "UP" : "DOWN");
            data.put(p + "topology", status.topology());
            data.put(p + "target", status.target());
            status.latency().ifPresent(l -> data.put(p + "latency-ms", l.toNanos() / 1_000_000.0));
            data.put(p + "masters", status.masters());
            data.put(p + "replicas", status.replicas());
            if (!status.reachable()) {
                data.put(p + "reason", status.reason());
            }
        }
        return new Report(up, data);
    }
}
