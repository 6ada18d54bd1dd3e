package org.redisee.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Key material for TLS tests, made fresh in a temporary directory with the JDK's {@code keytool} (nothing is
 * committed): a CA, a server certificate for {@code localhost} and {@code 127.0.0.1} signed by it, a client
 * certificate signed by it (mutual TLS), and a second, unrelated CA. Files for {@code redis-server} are PEM; files for
 * the client are PKCS#12, protected by {@link #password()}, a random string that the tests also look for in logs.
 */
final class TestCertificates {

    private static TestCertificates instance;

    private final Path dir;
    private final String password = "pw-" + UUID.randomUUID();

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** The JVM's certificates, made on first use (about 3 s: three rounds of keytool runs, in parallel). */
    static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("redisee-tls");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                TestCertificates certificates = new TestCertificates(dir);
                long started = System.nanoTime();
                certificates.make();
                System.out.println("[tls] CA, server and client certificates made with keytool in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
                instance = certificates;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The password of every PKCS#12 file here. */
    String password() {
        return password;
    }

    /** For redis-server: {@code tls-cert-file}. */
    Path serverCertificate() {
        return dir.resolve("server.pem");
    }

    /** For redis-server: {@code tls-key-file} (PKCS#8, unencrypted). */
    Path serverKey() {
        return dir.resolve("server.key");
    }

    /** For redis-server: {@code tls-ca-cert-file}, the CA that signed both certificates. */
    Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** A trust store holding the CA that signed the server's certificate. */
    Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** A trust store holding only a CA that signed nothing here. */
    Path wrongTruststore() {
        return dir.resolve("wrong-truststore.p12");
    }

    /** The client's key and certificate chain, for mutual TLS. */
    Path clientKeystore() {
        return dir.resolve("client-keystore.p12");
    }

    private void make() {
        keytool(List.of(
                genkeypair("ca", "CN=RedisEE test CA", "-ext", "bc:c"),
                genkeypair("other-ca", "CN=Unrelated test CA", "-ext", "bc:c"),
                genkeypair("server", "CN=localhost"),
                genkeypair("client", "CN=redisee-client")));
        keytool(List.of(
                List.of("-certreq", "-alias", "server", "-keystore", file("server.p12"), "-file", file("server.csr")),
                List.of("-certreq", "-alias", "client", "-keystore", file("client.p12"), "-file", file("client.csr"))));
        keytool(List.of(
                gencert("server", "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth"),
                gencert("client", "EKU=clientAuth")));
        try {
            KeyStore ca = load("ca.p12");
            Certificate caCertificate = ca.getCertificate("ca");
            writePem(caCertificate(), "CERTIFICATE", caCertificate.getEncoded());
            trustStore(truststore(), caCertificate);
            trustStore(wrongTruststore(), load("other-ca.p12").getCertificate("other-ca"));
            PrivateKey serverKey = (PrivateKey) load("server.p12").getKey("server", password.toCharArray());
            writePem(serverKey(), "PRIVATE KEY", serverKey.getEncoded());
            KeyStore client = load("client.p12");
            Certificate clientCertificate = certificate("client.pem");
            KeyStore clientKeystore = KeyStore.getInstance("PKCS12");
            clientKeystore.load(null, null);
            clientKeystore.setKeyEntry("client", client.getKey("client", password.toCharArray()), password.toCharArray(),
                    new Certificate[] {clientCertificate, caCertificate});
            save(clientKeystore, clientKeystore());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot prepare the test key material in " + dir + ": " + e, e);
        }
    }

    private List<String> genkeypair(String alias, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", name, "-validity", "2", "-keystore", file(alias + ".p12")));
        args.addAll(List.of(more));
        return args;
    }

    private List<String> gencert(String alias, String... extensions) {
        List<String> args = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", file("ca.p12"),
                "-infile", file(alias + ".csr"), "-outfile", file(alias + ".pem"), "-rfc", "-validity", "2"));
        for (String extension : extensions) {
            args.add("-ext");
            args.add(extension);
        }
        return args;
    }

    /** Runs keytool once per argument list, all at once, and waits for them. */
    private void keytool(List<List<String>> runs) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<Process> processes = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        for (List<String> run : runs) {
            List<String> command = new ArrayList<>(List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1",
                    "-J-XX:+UseSerialGC", "-storetype", "PKCS12", "-storepass", password, "-keypass", password));
            command.addAll(run);
            commands.add(String.join(" ", run));
            try {
                processes.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("keytool-" + processes.size() + ".log").toFile()).start());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot run " + keytool, e);
            }
        }
        for (int i = 0; i < processes.size(); i++) {
            try {
                Process process = processes.get(i);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("keytool " + commands.get(i) + " failed: "
                            + Files.readString(dir.resolve("keytool-" + i + ".log")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private KeyStore load(String name) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private Certificate certificate(String name) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private void trustStore(Path file, Certificate trusted) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", trusted);
        save(store, file);
    }

    private void save(KeyStore store, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans up what is left
        }
    }
}
