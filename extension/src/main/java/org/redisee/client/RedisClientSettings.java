package org.redisee.client;

import org.redisson.client.codec.Codec;
import org.redisson.config.Protocol;
import org.redisson.config.ReadMode;
import org.redisson.config.SslVerificationMode;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The validated settings of one client, read from {@code redisee.*} (default client) or
 * {@code redisee.client.<name>.*} by {@link RedisClientSettingsReader}.
 */
public record RedisClientSettings(
        String name,
        Topology topology,
        List<RedisAddress> nodes,
        Optional<String> sentinelMaster,
        Optional<String> sentinelUsername,
        Optional<String> sentinelPassword,
        Optional<URL> redissonConfig,
        Optional<String> username,
        Optional<String> password,
        int database,
        Duration connectTimeout,
        Duration timeout,
        int retryAttempts,
        Duration retryDelay,
        int poolSize,
        int poolMinIdle,
        int subscriptionPoolSize,
        int threads,
        int nettyThreads,
        ReadMode readMode,
        String clientName,
        Codec codec,
        Protocol protocol,
        Tls tls,
        boolean failFast) {

    /** How the client reaches Redis. */
    public enum Topology {
        SINGLE, CLUSTER, SENTINEL, REPLICATED,
        /** A full Redisson YAML file (the escape hatch); its own topology applies. */
        REDISSON_YAML
    }

    /** Trust and key material for {@code rediss://}. */
    public record Tls(Optional<URL> truststore, Optional<String> truststorePassword,
                      Optional<URL> keystore, Optional<String> keystorePassword,
                      SslVerificationMode verification) {
    }

    /** Where the client connects, safe to log and to show in health data: no credentials. */
    public String describe() {
        if (topology == Topology.REDISSON_YAML) {
            return "redisson-config " + redissonConfig.map(URL::toString).orElse("?");
        }
        String addresses = nodes.stream().map(RedisAddress::toString).collect(Collectors.joining(","));
        switch (topology) {
            case SINGLE: return addresses + "/" + database;
            case SENTINEL: return "sentinel " + sentinelMaster.orElse("?") + "@" + addresses;
            default: return topology.name().toLowerCase() + " " + addresses;
        }
    }
}
