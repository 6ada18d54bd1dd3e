package org.redisee.benchmarks.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An unpacked WildFly, started with a server base directory of its own (configuration copied from the installation,
 * its own deployments, data, log and tmp), so that it neither disturbs nor is disturbed by the integration tests that
 * use the same installation. Wars are deployed by the deployment scanner before the start. Stopped with SIGTERM,
 * which WildFly answers with a clean shutdown; killed only if that takes over a minute.
 */
final class WildFlyServer implements AutoCloseable {

    private final Path home;
    private final Path base;
    private final int portOffset;
    private final String heap;
    private Process script;
    private ProcessHandle java;

    WildFlyServer(Path home, Path base, int portOffset, String heap) {
        this.home = home;
        this.base = base;
        this.portOffset = portOffset;
        this.heap = heap;
    }

    /** The WildFly under {@code integration-tests/wildfly/target/wildfly-*} of the working directory, if unpacked. */
    static Optional<Path> unpackedByIntegrationTests() {
        Path target = Path.of("integration-tests", "wildfly", "target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(target)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("wildfly-")
                    && Files.isRegularFile(p.resolve("jboss-modules.jar"))).sorted().reduce((a, b) -> b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int httpPort() {
        return 8080 + portOffset;
    }

    Path deployments() {
        return base.resolve("deployments");
    }

    /** A fresh base directory: the installation's configuration files, nothing else. */
    void prepare() throws IOException {
        if (Files.exists(base)) {
            try (Stream<Path> walk = Files.walk(base)) {
                walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        Files.createDirectories(deployments());
        try (Stream<Path> files = Files.list(home.resolve("standalone").resolve("configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()));
            }
        }
    }

    void start(String serverConfig) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("standalone.sh").toString(),
                "-c", serverConfig, "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.server.base.dir=" + base.toAbsolutePath(),
                "-Djboss.socket.binding.port-offset=" + portOffset));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("console.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JBOSS_HOME", home.toAbsolutePath().toString());
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        env.put("JBOSS_PIDFILE", base.resolve("server.pid").toAbsolutePath().toString());
        env.put("JAVA_OPTS", heap + " -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman"
                + " -Djava.awt.headless=true");
        script = builder.start();
    }

    /** Waits until every war has been deployed (the scanner's {@code .deployed} marker); throws on {@code .failed}. */
    void awaitDeployed(List<String> wars, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String war : wars) {
            while (!Files.exists(deployments().resolve(war + ".deployed"))) {
                if (Files.exists(deployments().resolve(war + ".failed"))) {
                    throw new IllegalStateException(war + " failed to deploy: "
                            + Files.readString(deployments().resolve(war + ".failed")) + " (see " + base.resolve("log/server.log") + ")");
                }
                if (!script.isAlive()) {
                    throw new IllegalStateException("WildFly exited with " + script.exitValue() + "; see " + base.resolve("console.log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(war + " not deployed after " + timeout + "; see " + base.resolve("log/server.log"));
                }
                Thread.sleep(200);
            }
        }
        javaProcess();
    }

    /** The server's JVM (not the script), for its CPU time. */
    ProcessHandle javaProcess() throws IOException {
        if (java == null) {
            long pid = Long.parseLong(Files.readString(base.resolve("server.pid")).trim());
            java = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("WildFly's JVM " + pid + " is gone"));
        }
        return java;
    }

    @Override
    public void close() {
        if (script == null) {
            return;
        }
        try {
            ProcessHandle jvm = java;
            if (jvm == null && Files.exists(base.resolve("server.pid"))) {
                jvm = ProcessHandle.of(Long.parseLong(Files.readString(base.resolve("server.pid")).trim())).orElse(null);
            }
            if (jvm == null) {
                script.descendants().forEach(ProcessHandle::destroy);
            } else if (jvm.isAlive()) {
                jvm.destroy(); // SIGTERM: WildFly shuts down cleanly
                try {
                    jvm.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    System.err.println("[session-bench] WildFly did not stop within 60 s; killing it");
                    jvm.destroyForcibly();
                }
            }
            if (!script.waitFor(10, TimeUnit.SECONDS)) {
                script.destroyForcibly();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[session-bench] stopping WildFly: " + e);
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        } finally {
            script = null;
        }
    }
}
