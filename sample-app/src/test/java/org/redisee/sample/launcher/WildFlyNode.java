package org.redisee.sample.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * One WildFly server of the sample, with {@link ChatServerConfiguration}. Several run from one unpacked
 * distribution: each has its own base directory ({@code <workDir>/<name>}, a fresh copy of {@code standalone/}'s
 * configuration), its own port offset and its own {@code jboss.node.name}, which the page shows.
 */
public final class WildFlyNode {

    static final String CONTEXT = "redisee-sample";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path home;
    private final Path baseDir;
    private final Path pidFile;
    private final int portOffset;
    private volatile Process process;

    WildFlyNode(String name, Path home, Path workDir, int portOffset) {
        this.name = name;
        this.home = home;
        this.baseDir = workDir.resolve(name);
        this.pidFile = workDir.resolve(name + ".pid");
        this.portOffset = portOffset;
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return 8080 + portOffset;
    }

    public int managementPort() {
        return 9990 + portOffset;
    }

    /** The chat's page, e.g. {@code http://localhost:8080/redisee-sample/}. */
    public String appUrl() {
        return "http://localhost:" + httpPort() + "/" + CONTEXT + "/";
    }

    public String healthUrl() {
        return "http://localhost:" + managementPort() + "/health";
    }

    /** RedisEE's meters, and the server's, in Prometheus's format. */
    public String metricsUrl() {
        return "http://localhost:" + managementPort() + "/prometheus";
    }

    public Path serverLog() {
        return baseDir.resolve("log/server.log");
    }

    /** The ports this node needs that something else holds. */
    List<Integer> portsInUse() {
        return Stream.of(httpPort(), managementPort()).filter(Console::inUse).toList();
    }

    /**
     * Starts the server with the war in its deployment folder, so that it deploys while the server boots.
     *
     * @param properties system properties for the server (its MicroProfile Config sees them)
     */
    void start(Path war, Map<String, String> properties, boolean verbose) throws IOException {
        stopLeftover();
        deleteRecursively(baseDir);
        copyConfiguration(home.resolve("standalone/configuration"), baseDir.resolve("configuration"));
        Files.createDirectories(baseDir.resolve("deployments"));
        Files.copy(war, baseDir.resolve("deployments/" + CONTEXT + ".war"), StandardCopyOption.REPLACE_EXISTING);

        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(home)
                .setJavaHome(System.getProperty("java.home"))
                .setBaseDirectory(baseDir)
                .setServerConfiguration(ChatServerConfiguration.NAME)
                .setJavaOptions("-Xms64m", "-Xmx512m",
                        "-Djboss.node.name=" + name,
                        // Each server of a host needs its own transaction node id (WildFly warns otherwise).
                        "-Djboss.tx.node.id=" + name,
                        "-Djboss.socket.binding.port-offset=" + portOffset,
                        "-Dchat.links.health=" + healthUrl(),
                        "-Dchat.links.metrics=" + metricsUrl());
        properties.forEach((key, value) -> command.addJavaOption("-D" + key + "=" + value));
        ProcessBuilder launcher = new ProcessBuilder(command.build()).directory(baseDir.toFile())
                .redirectErrorStream(true);
        if (verbose) {
            launcher.inheritIO();
        } else {
            launcher.redirectOutput(console().toFile());
        }
        process = launcher.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
    }

    /** WildFly's console output, when not shown on the terminal. */
    Path console() {
        return baseDir.resolve("console.log");
    }

    /**
     * Waits for the deployment scanner's verdict, then for {@code GET api/node} to answer with this node's name.
     *
     * @return the answer
     */
    String awaitReady(long startNanos, Duration timeout) throws InterruptedException, IOException {
        Path deployments = baseDir.resolve("deployments");
        while (!Files.exists(deployments.resolve(CONTEXT + ".war.deployed"))) {
            Path failed = deployments.resolve(CONTEXT + ".war.failed");
            if (Files.exists(failed)) {
                String reason = Files.readString(failed).lines().filter(line -> !line.matches("\\s*at .*"))
                        .collect(Collectors.joining("\n"));
                throw new IllegalStateException(name + ": the deployment failed:\n" + reason + "\nSee " + serverLog());
            }
            checkAlive();
            checkTimeout(startNanos, timeout, "the deployment of " + CONTEXT + ".war");
            Thread.sleep(100);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(appUrl() + "api/node"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"node\":\"" + name + "\"")) {
                    return response.body();
                }
                last = "HTTP " + response.statusCode() + ": " + Console.abbreviate(response.body(), 300);
            } catch (IOException e) {
                last = e.toString();
            }
            checkAlive();
            checkTimeout(startNanos, timeout, "GET " + request.uri() + " (last: " + last + ")");
            Thread.sleep(200);
        }
    }

    boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** SIGTERM, which WildFly answers with a graceful shutdown; killed if it takes longer than 30 s. */
    void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                Console.say(name + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killing it.");
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // only a hint for the next run, which checks the process's command line anyway
        }
    }

    private void checkAlive() throws IOException {
        if (!process.isAlive()) {
            String tail = Files.exists(console()) ? "\n" + tail(console(), 30) : "";
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + " while starting."
                    + tail);
        }
    }

    private void checkTimeout(long startNanos, Duration timeout, String what) {
        if (Console.secondsSince(startNanos) > timeout.toSeconds()) {
            throw new IllegalStateException(name + ": timed out after " + timeout.toSeconds() + " s waiting for "
                    + what + ". See " + serverLog());
        }
    }

    /**
     * If an earlier run was killed hard (SIGKILL of Maven, a closed terminal), its server may still run from this
     * directory: stop it, rather than failing on its ports.
     */
    private void stopLeftover() throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).trim();
        Files.delete(pidFile);
        var leftover = ProcessHandle.of(Long.parseLong(pid))
                .filter(p -> p.info().commandLine().orElse("").contains(baseDir.toString()));
        if (leftover.isPresent()) {
            Console.say("Stopping " + name + " (pid " + pid + ") left over from an earlier run ...");
            leftover.get().destroy();
            try {
                leftover.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                leftover.get().destroyForcibly();
            }
        }
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Copies a configuration folder, without the history WildFly keeps of the files' earlier versions. */
    private static void copyConfiguration(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files.filter(f -> !f.toString().contains("_xml_history"))::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
