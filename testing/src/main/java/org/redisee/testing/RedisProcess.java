package org.redisee.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One redis-server child process on 127.0.0.1, in its own data directory, not daemonized: we own the
 * {@link Process}, so nothing outlives the JVM's shutdown hook. Output goes to {@code redis.log} in the directory.
 */
final class RedisProcess implements RedisStandalone {

    /** The command-line arguments of a server on {@code port} with data directory {@code dir}. */
    @FunctionalInterface
    interface Arguments {
        List<String> forServer(int port, Path dir) throws IOException;
    }

    static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
    private static final int PORT_ATTEMPTS = 3;
    private static final String LOG_FILE = "redis.log";

    private final String role;
    private final RedisBinary binary;
    private final Path dir;
    private final IntSupplier freePort;
    private final Arguments arguments;
    private int port;
    private List<String> command; // that of the first successful start, reused on restart
    private Process process;

    private RedisProcess(String role, IntSupplier freePort, Arguments arguments) {
        this.role = role;
        this.binary = RedisBinary.get();
        this.dir = ServerRegistry.newDirectory(role);
        this.freePort = freePort;
        this.arguments = arguments;
        ServerRegistry.track(this);
    }

    /** A data node without persistence, with DEBUG allowed (tests use DEBUG SLEEP), plus {@code extra}. */
    static List<String> dataNodeArguments(int port, Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", HOST,
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
                "--enable-debug-command", "yes"));
        args.addAll(Arrays.asList(extra));
        return args;
    }

    /** Starts a new instance of {@code role} and closes it again if it does not come up. */
    static RedisProcess started(String role, IntSupplier freePort, Arguments arguments) {
        RedisProcess server = new RedisProcess(role, freePort, arguments);
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException(this + " is already running");
        }
        if (command != null) {
            launch(command);
            awaitPing(port);
            return;
        }
        // The first start picks a port; if another process grabs it between pick and bind, pick again.
        int candidate = freePort.getAsInt();
        for (int attempt = 1; ; attempt++) {
            List<String> candidateCommand = new ArrayList<>();
            candidateCommand.add(binary.path.toString());
            try {
                candidateCommand.addAll(arguments.forServer(candidate, dir));
                Files.deleteIfExists(dir.resolve(LOG_FILE)); // so the check below sees this attempt's log only
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare " + role + " in " + dir, e);
            }
            launch(candidateCommand);
            try {
                awaitPing(candidate);
                port = candidate;
                command = candidateCommand;
                return;
            } catch (IllegalStateException e) {
                boolean portTaken = log().contains("Address already in use");
                int next = portTaken && attempt < PORT_ATTEMPTS ? freePort.getAsInt() : candidate;
                if (next == candidate) { // not a port clash, out of attempts, or a port fixed by the caller
                    throw e;
                }
                candidate = next;
            }
        }
    }

    private void launch(List<String> processCommand) {
        try {
            process = new ProcessBuilder(processCommand)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(dir.resolve(LOG_FILE).toFile()))
                    .start();
            ServerRegistry.writeAtomically(dir.resolve(ServerRegistry.PID_FILE), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + String.join(" ", processCommand), e);
        }
    }

    private void awaitPing(int candidatePort) {
        Process launched = process;
        Await.until(START_TIMEOUT, role + " on port " + candidatePort + " to answer PING", () -> {
            if (!launched.isAlive()) {
                throw new IllegalStateException(role + " on port " + candidatePort + " exited with status "
                        + launched.exitValue() + ". Its log (" + dir.resolve(LOG_FILE) + ") ends with:\n" + logTail());
            }
            // a short timeout, in case the port belongs to something that accepts connections but is not Redis
            try (RedisCommands commands = RedisCommands.connect(HOST, candidatePort).withReadTimeout(PING_TIMEOUT)) {
                return "PONG".equals(commands.call("PING"));
            }
        });
    }

    @Override
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        try (RedisCommands commands = connect()) {
            commands.execute("SHUTDOWN", "NOSAVE", "NOW"); // NOW: do not wait for lagging replicas
        } catch (UncheckedIOException expected) {
            // the server drops the connection as it exits, or it is too stuck to accept one: the wait below decides
        }
        if (!waitForExit(STOP_TIMEOUT)) {
            kill();
        }
    }

    @Override
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(STOP_TIMEOUT);
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + this + " to exit", e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the process (there is nothing to keep) and deletes its directory. */
    @Override
    public synchronized void close() {
        kill();
        ServerRegistry.untrack(this);
        ServerRegistry.deleteTree(dir);
    }

    @Override
    public String url() {
        return "redis://" + HOST + ":" + port();
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public synchronized int port() {
        if (command == null) {
            throw new IllegalStateException(role + " in " + dir + " has not started yet");
        }
        return port;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve(LOG_FILE));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    @Override
    public synchronized String toString() {
        return role + " " + binary + (command == null ? "" : " on " + HOST + ":" + port)
                + (isRunning() ? " (pid " + process.pid() + ")" : " (not running)");
    }
}
