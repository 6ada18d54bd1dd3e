package org.redisee.client;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.redisee.Redis;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SslVerificationMode;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Valid configurations are read as written and reach Redisson's Config; plain Java, no container, no Redis. */
class ClientSettingsTest {

    private static ConfigValues values(Map<String, String> properties) {
        return new ConfigValues(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 400)).build());
    }

    private static RedisClientSettings read(String client, Map<String, String> properties) {
        ConfigValues values = values(properties);
        RedisClientSettings settings = new RedisClientSettingsReader(values, ClientSettingsTest.class.getClassLoader()).read(client);
        assertEquals(java.util.List.of(), values.problems());
        return settings;
    }

    @Test
    void urlCarriesCredentialsAndDatabaseButNeverLogsThem() {
        RedisClientSettings s = read(Redis.DEFAULT, Map.of("redisee.url", "rediss://app:p%40ss@cache.example:6380/3"));
        assertEquals(RedisClientSettings.Topology.SINGLE, s.topology());
        assertEquals("app", s.username().orElseThrow());
        assertEquals("p@ss", s.password().orElseThrow());
        assertEquals(3, s.database());
        assertTrue(s.nodes().get(0).tls());
        assertEquals("rediss://cache.example:6380/3", s.describe());
        assertFalse(s.describe().contains("p@ss"));
    }

    @Test
    void explicitKeysWinOverTheUrl() {
        RedisClientSettings s = read(Redis.DEFAULT, Map.of("redisee.url", "redis://:old@h/1",
                "redisee.password", "new", "redisee.database", "2"));
        assertEquals("new", s.password().orElseThrow());
        assertEquals(2, s.database());
    }

    @Test
    void defaultsSuitAnApplicationServer() {
        RedisClientSettings s = read(Redis.DEFAULT, Map.of());
        assertEquals("redis://localhost:6379/0", s.describe());
        assertEquals(Duration.ofSeconds(3), s.timeout());
        assertEquals(32, s.poolSize());
        assertEquals(4, s.poolMinIdle());
        assertEquals("redisee-default", s.clientName());
        assertEquals(ReadMode.MASTER, s.readMode());
        assertFalse(s.failFast());
        Config config = RedissonConfigFactory.create(s);
        assertTrue(config.isLazyInitialization(), "an unreachable Redis must not fail deployment by default");
        assertEquals("org.redisson.client.codec.StringCodec", config.getCodec().getClass().getName());
    }

    @Test
    void durationsTakeIsoAndShortForms() {
        RedisClientSettings s = read(Redis.DEFAULT, Map.of("redisee.timeout", "PT2.5S",
                "redisee.connect-timeout", "1m", "redisee.retry-delay", "250ms"));
        assertEquals(Duration.ofMillis(2500), s.timeout());
        assertEquals(Duration.ofMinutes(1), s.connectTimeout());
        assertEquals(Duration.ofMillis(250), s.retryDelay());
    }

    @Test
    void namedClientsReadTheirOwnPrefix() {
        Map<String, String> properties = Map.of(
                "redisee.client.sessions.cluster.nodes", "10.0.0.1:7000, redis://10.0.0.2:7000",
                "redisee.client.sessions.read-mode", "master-replica",
                "redisee.client.sessions.fail-fast", "true",
                "redisee.url", "redis://other:6379");
        RedisClientSettings s = read("sessions", properties);
        assertEquals(RedisClientSettings.Topology.CLUSTER, s.topology());
        assertEquals("cluster redis://10.0.0.1:7000,redis://10.0.0.2:7000", s.describe());
        assertEquals(ReadMode.MASTER_SLAVE, s.readMode());
        assertEquals("redisee-sessions", s.clientName());
        assertFalse(RedissonConfigFactory.create(s).isLazyInitialization());
        assertEquals(Set.of("default", "sessions"), RedisClientSettingsReader.configuredClients(values(properties).config()));
    }

    @Test
    void sentinelAndTls() {
        String truststore = ClientSettingsTest.class.getResource("/truststore.p12").getPath();
        RedisClientSettings s = read(Redis.DEFAULT, Map.of(
                "redisee.sentinel.nodes", "rediss://s1:26379,rediss://s2:26379",
                "redisee.sentinel.master", "mymaster",
                "redisee.tls.truststore", truststore,
                "redisee.tls.verify", "ca-only"));
        assertEquals("sentinel mymaster@rediss://s1:26379,rediss://s2:26379", s.describe());
        assertEquals(SslVerificationMode.CA_ONLY, s.tls().verification());
        Config config = RedissonConfigFactory.create(s);
        assertEquals(SslVerificationMode.CA_ONLY, config.getSslVerificationMode());
        assertTrue(config.getSslTruststore().toString().endsWith("truststore.p12"));
    }

    @Test
    void ipv6Hosts() {
        assertEquals("redis://[::1]:6379/0", read(Redis.DEFAULT, Map.of("redisee.url", "redis://[::1]")).describe());
    }

    @Test
    void noConfigurationMeansNoConfiguredClients() {
        assertEquals(Set.of(), RedisClientSettingsReader.configuredClients(values(Map.of("redisee.cache.x.ttl", "1m")).config()));
        assertNull(ConfigValues.parseDuration("soon"));
    }
}
