package org.redisee.client;

import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.ReplicatedServersConfig;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Turns validated {@link RedisClientSettings} into a Redisson {@link Config}. */
public final class RedissonConfigFactory {

    /** How often a cluster client reads the cluster's topology ({@code CLUSTER NODES}). */
    static final int CLUSTER_SCAN_INTERVAL_MILLIS = 1000;

    private RedissonConfigFactory() {
    }

    public static Config create(RedisClientSettings settings) {
        Config config;
        if (settings.topology() == RedisClientSettings.Topology.REDISSON_YAML) {
            config = fromYaml(settings);
            if (config.getCodec() == null) {
                // Redisson would default to Kryo, which instantiates classes named in the data.
                config.setCodec(settings.codec());
            }
        } else {
            config = new Config();
            config.setCodec(settings.codec());
            config.setThreads(settings.threads());
            config.setNettyThreads(settings.nettyThreads());
            config.setProtocol(settings.protocol());
            settings.username().ifPresent(config::setUsername);
            settings.password().ifPresent(config::setPassword);
            applyTls(config, settings.tls());
            applyTopology(config, settings);
        }
        // Scripts go as EVALSHA, loading them only when the server does not know them yet: one round trip each.
        config.setUseScriptCache(true);
        // Connect on first use unless asked to fail fast, so an unreachable Redis does not fail the deployment.
        config.setLazyInitialization(!settings.failFast());
        return config;
    }

    private static Config fromYaml(RedisClientSettings settings) {
        try (InputStream in = settings.redissonConfig().orElseThrow().openStream()) {
            return Config.fromYAML(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RedisClientSettingsReader.prefix(settings.name())
                    + "redisson-config=" + settings.redissonConfig().orElseThrow() + ": " + e.getMessage(), e);
        }
    }

    private static void applyTopology(Config config, RedisClientSettings s) {
        switch (s.topology()) {
            case SINGLE: {
                SingleServerConfig single = config.useSingleServer()
                        .setAddress(s.nodes().get(0).redissonAddress())
                        .setDatabase(s.database())
                        .setConnectionPoolSize(s.poolSize())
                        .setConnectionMinimumIdleSize(s.poolMinIdle())
                        .setSubscriptionConnectionPoolSize(s.subscriptionPoolSize())
                        .setSubscriptionConnectionMinimumIdleSize(Math.min(1, s.subscriptionPoolSize()));
                applyCommon(single, s);
                break;
            }
            case CLUSTER: {
                // Redisson learns of a failover from this scan; until then writes to the moved slots fail (a MOVED to a
                // node it does not know as a master). Its default, 5 s, added up to 5 s to every failover.
                ClusterServersConfig cluster = config.useClusterServers().setScanInterval(CLUSTER_SCAN_INTERVAL_MILLIS);
                s.nodes().forEach(n -> cluster.addNodeAddress(n.redissonAddress()));
                applyMasterSlave(cluster, s);
                break;
            }
            case SENTINEL: {
                SentinelServersConfig sentinel = config.useSentinelServers()
                        .setMasterName(s.sentinelMaster().orElseThrow())
                        .setDatabase(s.database());
                s.nodes().forEach(n -> sentinel.addSentinelAddress(n.redissonAddress()));
                s.sentinelUsername().ifPresent(sentinel::setSentinelUsername);
                s.sentinelPassword().ifPresent(sentinel::setSentinelPassword);
                applyMasterSlave(sentinel, s);
                break;
            }
            case REPLICATED: {
                ReplicatedServersConfig replicated = config.useReplicatedServers().setDatabase(s.database());
                s.nodes().forEach(n -> replicated.addNodeAddress(n.redissonAddress()));
                applyMasterSlave(replicated, s);
                break;
            }
            default:
                throw new IllegalStateException("Unexpected topology " + s.topology());
        }
    }

    private static void applyMasterSlave(BaseMasterSlaveServersConfig<?> servers, RedisClientSettings s) {
        servers.setReadMode(s.readMode())
                .setMasterConnectionPoolSize(s.poolSize())
                .setMasterConnectionMinimumIdleSize(s.poolMinIdle())
                .setSlaveConnectionPoolSize(s.poolSize())
                .setSlaveConnectionMinimumIdleSize(s.poolMinIdle())
                .setSubscriptionConnectionPoolSize(s.subscriptionPoolSize())
                .setSubscriptionConnectionMinimumIdleSize(Math.min(1, s.subscriptionPoolSize()));
        applyCommon(servers, s);
    }

    private static void applyCommon(BaseConfig<?> base, RedisClientSettings s) {
        base.setConnectTimeout(millis(s.connectTimeout()))
                .setTimeout(millis(s.timeout()))
                .setRetryAttempts(s.retryAttempts())
                .setRetryDelay(new ConstantDelay(s.retryDelay()))
                .setClientName(s.clientName());
    }

    private static void applyTls(Config config, RedisClientSettings.Tls tls) {
        tls.truststore().ifPresent(config::setSslTruststore);
        tls.truststorePassword().ifPresent(config::setSslTruststorePassword);
        tls.keystore().ifPresent(config::setSslKeystore);
        tls.keystorePassword().ifPresent(config::setSslKeystorePassword);
        config.setSslVerificationMode(tls.verification());
    }

    private static int millis(java.time.Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
