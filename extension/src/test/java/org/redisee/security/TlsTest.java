package org.redisee.security;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisee.TestContainer;
import org.redisee.client.RedisClients;
import org.redisee.client.RedisStatus;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;
import org.redisson.api.RedissonClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.redisee.Failures.messages;

/**
 * {@code rediss://} against a real {@code redis-server} with a TLS port, with key material made for the run
 * ({@link TestCertificates}): server-certificate verification in its three modes, and mutual TLS. The server listens
 * on 127.0.0.1 and 127.0.0.2; its certificate names only 127.0.0.1 and localhost, so 127.0.0.2 is a host-name
 * mismatch with a certificate from the right CA.
 */
class TlsTest {

    private static TestCertificates certificates;
    private static RedisStandalone redis;
    private static int tlsPort;

    @Singleton
    static class App {
        @Inject RedissonClient redis;
        @Inject RedisClients clients;
    }

    @BeforeAll
    static void startTlsRedis() {
        certificates = TestCertificates.get();
        tlsPort = freePort();
        redis = RedisServers.newStandalone(List.of("--bind", "127.0.0.1", "127.0.0.2",
                "--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", certificates.serverCertificate().toString(),
                "--tls-key-file", certificates.serverKey().toString(),
                "--tls-ca-cert-file", certificates.caCertificate().toString(),
                "--tls-auth-clients", "no"));
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void clientCertificatesOptionalAgain() {
        setAuthClients("no");
    }

    private Map<String, String> config(String host, String... more) {
        return TestContainer.with(Map.of(
                "redisee.url", "rediss://" + host + ":" + tlsPort,
                "redisee.tls.truststore", certificates.truststore().toString(),
                "redisee.tls.truststore-password", certificates.password(),
                "redisee.fail-fast", "true",
                "redisee.metrics.backend", "none",
                "redisee.connect-timeout", "2s",
                "redisee.retry-attempts", "0"), more);
    }

    @Test
    void strictVerificationWithTheRightCaConnectsByAddressAndByName() {
        for (String host : List.of("127.0.0.1", "localhost")) {
            try (TestContainer app = TestContainer.start(config(host), App.class)) {
                App a = app.select(App.class);
                String key = "redisee:tls:" + UUID.randomUUID();
                a.redis.getBucket(key).set("over TLS");
                assertEquals("over TLS", a.redis.getBucket(key).get(), host);
                assertTrue(a.clients.client("default").check().reachable(), host);
            }
        }
    }

    @Test
    void aServerCertificateFromAnotherCaFailsTheDeploymentClearly() {
        try (CapturedLogs logs = new CapturedLogs()) {
            RuntimeException failure = assertThrows(RuntimeException.class, () -> TestContainer.start(config("127.0.0.1",
                    "redisee.tls.truststore", certificates.wrongTruststore().toString()), App.class).close());
            String message = messages(failure);
            System.out.println("[tls wrong CA] " + message.lines().filter(l -> l.contains("fail-fast")).findFirst().orElse(message));
            assertTrue(message.contains("cannot reach rediss://127.0.0.1:" + tlsPort) || message.contains("cannot connect to rediss://127.0.0.1:" + tlsPort), message);
            assertTrue(message.contains("certification path") || message.contains("PKIX"),
                    "the reason names the certificate check: " + message);
            assertFalse(message.contains("requires a client certificate"), "no mutual-TLS hint for a certificate error");
            assertFalse(message.contains(certificates.password()), "no trust store password in the failure");
            assertFalse(logs.text().contains(certificates.password()), "no trust store password in the logs");
        }
    }

    @Test
    void withoutFailFastTheApplicationStartsAndReadinessSaysWhy() {
        try (TestContainer app = TestContainer.start(config("127.0.0.1", "redisee.fail-fast", "false",
                "redisee.tls.truststore", certificates.wrongTruststore().toString()), App.class)) {
            RedisStatus status = app.select(App.class).clients.client("default").check();
            assertFalse(status.reachable());
            assertTrue(status.reason().contains("certification path") || status.reason().contains("PKIX"), status.reason());
        }
    }

    @Test
    void aHostNameTheCertificateDoesNotNameFailsStrictButPassesCaOnly() {
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> TestContainer.start(config("127.0.0.2"), App.class).close());
        String message = messages(failure);
        System.out.println("[tls host name] " + message.lines().filter(l -> l.contains("fail-fast")).findFirst().orElse(message));
        assertTrue(message.contains("127.0.0.2") && (message.contains("subject alternative") || message.contains("No name matching")
                || message.contains("No subject alternative")), message);
        try (TestContainer app = TestContainer.start(config("127.0.0.2", "redisee.tls.verify", "ca-only"), App.class)) {
            App a = app.select(App.class);
            a.redis.getBucket("redisee:tls:ca-only").set("chain checked, name not");
            assertEquals("chain checked, name not", a.redis.getBucket("redisee:tls:ca-only").get());
        }
    }

    @Test
    void verifyNoneConnectsToAnyCertificateAndRefusesATrustStoreItWouldNotUse() {
        Map<String, String> none = config("127.0.0.2", "redisee.tls.verify", "none");
        none.remove("redisee.tls.truststore");
        none.remove("redisee.tls.truststore-password");
        try (TestContainer app = TestContainer.start(none, App.class)) {
            assertTrue(app.select(App.class).clients.client("default").check().reachable());
        }
        // Redisson would check the chain against a trust store even with "none": a contradiction, refused.
        RuntimeException failure = assertThrows(RuntimeException.class, () -> TestContainer.start(config("127.0.0.2",
                "redisee.tls.verify", "none"), App.class).close());
        assertTrue(messages(failure).contains("redisee.tls.truststore is set but redisee.tls.verify=none"), messages(failure));
    }

    @Test
    void mutualTlsNeedsTheClientCertificate() {
        setAuthClients("yes");
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> TestContainer.start(config("127.0.0.1", "redisee.timeout", "1s"), App.class).close());
        String message = messages(failure);
        System.out.println("[mtls without a client certificate] " + message.lines().filter(l -> l.contains("fail-fast")).findFirst().orElse(message));
        assertTrue(message.contains("cannot reach rediss://127.0.0.1:" + tlsPort) || message.contains("cannot connect to rediss://127.0.0.1:" + tlsPort), message);
        // TLS 1.3: the server refuses the missing certificate only when the first command arrives; the client sees a
        // timeout (Redisson logs the alert, certificate_required), and the message names the likely cause.
        assertTrue(message.contains("requires a client certificate") && message.contains("redisee.tls.keystore"), message);

        try (TestContainer app = TestContainer.start(config("127.0.0.1",
                "redisee.tls.keystore", certificates.clientKeystore().toString(),
                "redisee.tls.keystore-password", certificates.password()), App.class)) {
            App a = app.select(App.class);
            a.redis.getBucket("redisee:tls:mutual").set("client certificate accepted");
            assertEquals("client certificate accepted", a.redis.getBucket("redisee:tls:mutual").get());
        }
    }

    private static void setAuthClients(String value) {
        try (RedisCommands commands = redis.connect()) {
            commands.call("CONFIG", "SET", "tls-auth-clients", value);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
