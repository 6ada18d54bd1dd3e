package org.redisee.it.support;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second server instance beside the one Arquillian manages, for tests of what several nodes share: a Payara Micro
 * JVM (the jar named by the system property {@code it.secondServerJar}) running one war on a free port. Its console
 * goes to a file, printed when it fails to start. Client side only.
 */
public final class SecondServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Process process;
    private final Path console;
    private final URI base;

    private SecondServer(Process process, Path console, URI base) {
        this.process = process;
        this.console = console;
        this.base = base;
    }

    /**
     * Starts Payara Micro with the war and waits until {@code GET api/alive} answers.
     *
     * @param systemProperties {@code -D} options for the server JVM, as {@code name=value}
     */
    public static SecondServer start(WebArchive war, String... systemProperties) {
        String jar = System.getProperty("it.secondServerJar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("System property it.secondServerJar must name payara-micro.jar (the server"
                    + " module's failsafe configuration sets it; run through Maven), but it is " + jar);
        }
        try {
            Path directory = Files.createTempDirectory(Path.of("target"), "second-server");
            Path warFile = directory.resolve(war.getName());
            war.as(ZipExporter.class).exportTo(warFile.toFile(), true);
            int port = freePort();
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m"));
            for (String property : systemProperties) {
                command.add("-D" + property);
            }
            command.addAll(List.of("-jar", jar, "--nocluster", "--port", String.valueOf(port),
                    "--rootDir", directory.resolve("root").toString(), "--deploy", warFile.toString()));
            Path console = directory.resolve("console.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
            String context = war.getName().substring(0, war.getName().length() - ".war".length());
            SecondServer server = new SecondServer(process, console, URI.create("http://127.0.0.1:" + port + "/" + context + "/"));
            server.awaitStarted();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Starting the second server failed: " + e, e);
        }
    }

    /** The deployment's base URL, ending with the context root and a slash. */
    public URI base() {
        return base;
    }

    private void awaitStarted() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The second server exited with " + process.exitValue() + ":\n" + consoleTail());
            }
            try {
                if (Http.get(base.resolve("api/alive")).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep();
        }
        close();
        throw new IllegalStateException("The second server did not serve " + base + "api/alive within " + STARTUP.toSeconds()
                + " s:\n" + consoleTail());
    }

    private String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(console);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no console: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the JVM (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
