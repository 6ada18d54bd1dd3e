package org.redisee.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.redisee.TestContainer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad configuration fails the deployment, and the message names the key, the bad value and what is valid. Each case
 * boots a real CDI container; no Redis is contacted because validation comes first.
 */
class BadConfigurationTest {

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                bad("wrong scheme", Map.of("redisee.url", "http://localhost:6379"),
                        "redisee.url='http://localhost:6379'", "redis://", "scheme 'http'"),
                bad("port out of range", Map.of("redisee.url", "redis://localhost:99999"),
                        "redisee.url='redis://localhost:99999'", "1 to 65535"),
                bad("port not a number", Map.of("redisee.url", "redis://localhost:abc"),
                        "redisee.url='redis://localhost:abc'", "redis://"),
                bad("database not a number", Map.of("redisee.url", "redis://localhost:6379/x"),
                        "redisee.url='redis://localhost:6379/x'", "database 'x'"),
                bad("two topologies", Map.of("redisee.url", "redis://a:1", "redisee.cluster.nodes", "b:2"),
                        "redisee.url and redisee.cluster.nodes", "exactly one topology"),
                bad("bad duration", Map.of("redisee.timeout", "10 parsecs"),
                        "redisee.timeout='10 parsecs'", "PT10S", "30s"),
                bad("zero duration", Map.of("redisee.connect-timeout", "0s"),
                        "redisee.connect-timeout='0s'", "positive duration"),
                bad("negative pool size", Map.of("redisee.pool.size", "-1"),
                        "redisee.pool.size='-1'", "from 1 to 10000"),
                bad("min idle above pool size", Map.of("redisee.pool.size", "2", "redisee.pool.min-idle", "5"),
                        "redisee.pool.min-idle='5'", "at most redisee.pool.size (2)"),
                bad("missing sentinel master", Map.of("redisee.sentinel.nodes", "127.0.0.1:26379"),
                        "redisee.sentinel.master is required"),
                bad("sentinel master without nodes", Map.of("redisee.sentinel.master", "mymaster"),
                        "redisee.sentinel.master is set but redisee.sentinel.nodes is not"),
                bad("empty entry in node list", Map.of("redisee.cluster.nodes", "127.0.0.1:7000,,127.0.0.1:7001"),
                        "redisee.cluster.nodes='127.0.0.1:7000,,127.0.0.1:7001'", "no empty entries"),
                bad("cluster with a database", Map.of("redisee.cluster.nodes", "127.0.0.1:7000", "redisee.database", "3"),
                        "redisee.database='3'", "only database 0"),
                bad("unknown read mode", Map.of("redisee.cluster.nodes", "127.0.0.1:7000", "redisee.read-mode", "slaves"),
                        "redisee.read-mode='slaves'", "master, replica, master-replica"),
                bad("not a boolean", Map.of("redisee.fail-fast", "maybe"),
                        "redisee.fail-fast='maybe'", "true or false"),
                bad("codec class missing", Map.of("redisee.codec", "com.example.NoSuchCodec"),
                        "redisee.codec='com.example.NoSuchCodec'", "org.redisson.client.codec.Codec"),
                bad("codec is not a codec", Map.of("redisee.codec", "java.lang.String"),
                        "redisee.codec='java.lang.String'", "is not a Codec"),
                bad("redisson yaml missing", Map.of("redisee.redisson-config", "/nonexistent/redisson.yaml"),
                        "redisee.redisson-config='/nonexistent/redisson.yaml'", "no such file"),
                bad("keys that a Redisson YAML overrides", Map.of("redisee.redisson-config", "classpath:truststore.p12",
                                "redisee.timeout", "5s"),
                        "redisee.timeout has no effect with redisee.redisson-config"),
                bad("tls settings on a plain address", Map.of("redisee.url", "redis://localhost:6379",
                                "redisee.tls.truststore", "classpath:truststore.p12"),
                        "use rediss://"),
                bad("typo in a key", Map.of("redisee.urll", "redis://localhost:6379"),
                        "redisee.urll is not a RedisEE client key", "did you mean 'redisee.url'?"),
                bad("typo in a named client's key", Map.of("redisee.client.orders.url", "redis://h:1", "redisee.client.orders.timout", "5s"),
                        "redisee.client.orders.timout is not a RedisEE client key; did you mean 'redisee.client.orders.timeout'?"),
                bad("named client without address", Map.of("redisee.client.orders.timeout", "5s"),
                        "Redis client 'orders' has no address", "redisee.client.orders.url"),
                bad("named client bad value", Map.of("redisee.client.orders.url", "redis://h:1", "redisee.client.orders.retry-attempts", "lots"),
                        "redisee.client.orders.retry-attempts='lots'", "from 0 to 100"),
                bad("client name with a space", Map.of("redisee.client-name", "my app"),
                        "redisee.client-name='my app'", "without spaces"),
                bad("bad metrics backend", Map.of("redisee.metrics.backend", "statsd"),
                        "redisee.metrics.backend='statsd'", "auto, microprofile, micrometer, none"),
                bad("bad health interval", Map.of("redisee.health.interval", "often"),
                        "redisee.health.interval='often'", "positive duration"));
    }

    private static Arguments bad(String name, Map<String, String> config, String... expectedFragments) {
        return Arguments.of(name, config, expectedFragments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void failsDeploymentNamingKeyValueAndValidValues(String name, Map<String, String> config, String[] expected) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> TestContainer.start(config).close());
        String message = messages(failure);
        System.out.println("[" + name + "] " + message.lines().filter(l -> l.contains("Invalid RedisEE")).findFirst().orElse(message.lines().findFirst().orElse("")));
        for (String fragment : expected) {
            assertTrue(message.contains(fragment), () -> "expected '" + fragment + "' in:\n" + message);
        }
    }

    private static String messages(Throwable failure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        failure.printStackTrace(new PrintStream(out, true));
        return out.toString();
    }
}
