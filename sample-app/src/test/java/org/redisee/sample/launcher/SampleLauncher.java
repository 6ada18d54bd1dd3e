package org.redisee.sample.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * Runs the sample: a local Redis, then WildFly with the sample war deployed. Blocks until Ctrl-C,
 * then stops WildFly and Redis (in that order) from a shutdown hook.
 *
 * <p>Started by the {@code run} profile of sample-app ({@code exec:java}, test classpath, so none of
 * this is in the war). Inputs are system properties:
 * <ul>
 *   <li>{@code sample.wildflyHome}, {@code sample.war}, {@code sample.workDir}: set by the pom;</li>
 *   <li>{@code redisee.url} or the environment variable {@code REDISEE_URL}: use that Redis and do not
 *       start one;</li>
 *   <li>{@code sample.redisPort}: the port for the local Redis (default 6379 if free, else any free port);</li>
 *   <li>{@code sample.portOffset}: WildFly's {@code jboss.socket.binding.port-offset} (default 0);</li>
 *   <li>{@code sample.verbose=true}: WildFly's console on this terminal instead of a log file.</li>
 * </ul>
 */
public final class SampleLauncher {

    private static final String CONTEXT = "redisee-sample";
    private static final String SERVER_CONFIG = "standalone-microprofile.xml";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private final long t0 = System.nanoTime();
    private final Path wildflyHome = Path.of(required("sample.wildflyHome")).toAbsolutePath();
    private final Path war = Path.of(required("sample.war")).toAbsolutePath();
    private final Path workDir = Path.of(required("sample.workDir")).toAbsolutePath();
    private final int portOffset = Integer.getInteger("sample.portOffset", 0);
    private final boolean verbose = Boolean.getBoolean("sample.verbose");

    private volatile LocalRedis redis;
    private volatile Process wildfly;
    private volatile boolean stopping;

    public static void main(String[] args) throws Exception {
        new SampleLauncher().run();
    }

    private void run() throws Exception {
        Thread hook = new Thread(this::stopAll, "redisee-sample-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            startAndWait();
        } catch (Exception | Error e) {
            stopAll();
            throw e;
        }
        say("");
        say("Press Ctrl-C to stop WildFly and Redis.");
        int exit = wildfly.waitFor();
        if (!stopping) {
            // WildFly went away by itself (killed, or shut down through the management API).
            say("WildFly exited with status " + exit + " (see " + serverLog() + ")");
            stopAll();
            throw new IllegalStateException("WildFly exited with status " + exit);
        }
    }

    private void startAndWait() throws Exception {
        Files.createDirectories(workDir);
        say("RedisEE sample: Redis + WildFly " + wildflyHome.getFileName().toString().replace("wildfly-", "")
                + " + " + war.getFileName());
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("The war is missing: " + war + " (the package phase builds it)");
        }
        if (!Files.isRegularFile(wildflyHome.resolve("jboss-modules.jar"))) {
            throw new IllegalStateException("WildFly is missing: " + wildflyHome
                    + " (the run profile unpacks it in pre-integration-test)");
        }

        stopLeftoverWildFly();

        // WildFly's ports first: no point in starting Redis if WildFly cannot bind.
        int httpPort = 8080 + portOffset;
        int mgmtPort = 9990 + portOffset;
        for (int port : List.of(httpPort, mgmtPort)) {
            if (inUse(port)) {
                throw new IllegalStateException("Port " + port + " is already in use (another WildFly?). "
                        + "Stop it, or run with -Dsample.portOffset=100 to use " + (httpPort + 100)
                        + " and " + (mgmtPort + 100) + ".");
            }
        }

        // 1. Redis: the one the user named, or a fresh local one.
        String url = firstNonBlank(System.getProperty("redisee.url"), System.getenv("REDISEE_URL"));
        if (url != null) {
            say("Using Redis at " + url + " (from " + (System.getProperty("redisee.url") != null
                    ? "-Dredisee.url" : "REDISEE_URL") + "); not starting one.");
            warnIfUnreachable(url);
        } else {
            long t = System.nanoTime();
            redis = LocalRedis.start();
            url = redis.url();
            say(String.format(Locale.ROOT, "Redis %s started on %s in %d ms (%s)",
                    redis.version(), url, millisSince(t), redis.origin()));
        }

        // 2. WildFly, with the war in standalone/deployments so that it deploys during boot.
        Path deployments = wildflyHome.resolve("standalone/deployments");
        cleanDeployment(deployments);
        Files.copy(war, deployments.resolve(CONTEXT + ".war"), StandardCopyOption.REPLACE_EXISTING);

        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(wildflyHome)
                .setJavaHome(System.getProperty("java.home"))
                .setServerConfiguration(SERVER_CONFIG)
                .setJavaOptions("-Xms64m", "-Xmx512m", "-Dredisee.url=" + url);
        if (portOffset != 0) {
            command.addJavaOption("-Djboss.socket.binding.port-offset=" + portOffset);
        }
        Path console = workDir.resolve("wildfly-console.log");
        ProcessBuilder launcher = new ProcessBuilder(command.build())
                .directory(wildflyHome.toFile())
                .redirectErrorStream(true);
        if (verbose) {
            launcher.inheritIO();
        } else {
            launcher.redirectOutput(console.toFile());
        }
        // These choose the Redis of the test harness; MicroProfile Config would also map them to
        // redisee.* keys, which the extension rejects as unknown.
        long t = System.nanoTime();
        say("Starting WildFly (" + SERVER_CONFIG + ", -Xmx512m, -Dredisee.url=" + url + ")"
                + (verbose ? "" : "; console: " + console));
        wildfly = launcher.start();
        Files.writeString(pidFile(), Long.toString(wildfly.pid()));

        // 3. Wait for the deployment scanner's verdict, then for the app itself to answer.
        String base = "http://localhost:" + httpPort + "/" + CONTEXT + "/";
        awaitDeployed(deployments, console, t);
        say(String.format(Locale.ROOT, "WildFly started and deployed %s in %.1f s", CONTEXT + ".war",
                secondsSince(t)));
        long tApp = System.nanoTime();
        String info = awaitHttp200(base + "api/info", t);
        say(String.format(Locale.ROOT, "The app answers: GET /api/info in %d ms -> %s", millisSince(tApp),
                abbreviate(info, 160)));
        String bootLine = bootLine(verbose ? serverLog() : console);
        if (bootLine != null) {
            say("WildFly says: " + bootLine);
        }

        String bar = "=".repeat(72);
        say("");
        say(bar);
        long sinceCommand = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        say(String.format(Locale.ROOT, "  READY in %.1f s (%.1f s since the mvn command started)",
                secondsSince(t0), sinceCommand / 1000.0));
        say("");
        say("  Open:    " + base);
        say("  API:     " + base + "api/info   " + base + "api/counter (GET, POST)");
        say("  Health:  http://localhost:" + mgmtPort + "/health");
        say("  Redis:   " + url + (redis == null ? "" : "   (" + redis.cliHint() + ")"));
        say("  Logs:    " + serverLog());
        say(bar);
    }

    /** Waits for {@code <war>.deployed}; fails on {@code .failed} or when WildFly dies. */
    private void awaitDeployed(Path deployments, Path console, long start) throws Exception {
        Path deployed = deployments.resolve(CONTEXT + ".war.deployed");
        Path failed = deployments.resolve(CONTEXT + ".war.failed");
        while (true) {
            if (Files.exists(deployed)) {
                return;
            }
            if (Files.exists(failed)) {
                String reason = Files.readString(failed).lines()
                        .filter(line -> !line.matches("\\s*at .*"))
                        .collect(java.util.stream.Collectors.joining("\n"));
                throw new IllegalStateException("The deployment failed:\n" + reason + "\nSee " + serverLog());
            }
            checkAlive(console);
            checkTimeout(start, "the deployment of " + CONTEXT + ".war");
            Thread.sleep(100);
        }
    }

    private String awaitHttp200(String url, long start) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                last = "HTTP " + response.statusCode() + ": " + abbreviate(response.body(), 300);
            } catch (IOException e) {
                last = e.toString();
            }
            checkAlive(null);
            if (secondsSince(start) > STARTUP_TIMEOUT.toSeconds()) {
                throw new IllegalStateException("GET " + url + " did not answer 200 within "
                        + STARTUP_TIMEOUT.toSeconds() + " s; last: " + last + ". See " + serverLog());
            }
            Thread.sleep(200);
        }
    }

    private void checkAlive(Path console) throws IOException {
        if (!wildfly.isAlive()) {
            String tail = console != null && Files.exists(console) ? "\n" + tail(console, 30) : "";
            throw new IllegalStateException("WildFly exited with status " + wildfly.exitValue()
                    + " while starting." + tail);
        }
    }

    private static void checkTimeout(long start, String what) {
        if (secondsSince(start) > STARTUP_TIMEOUT.toSeconds()) {
            throw new IllegalStateException("Timed out after " + STARTUP_TIMEOUT.toSeconds() + " s waiting for "
                    + what);
        }
    }

    /** Stops WildFly (SIGTERM: a graceful shutdown), then Redis. Safe to call twice. */
    private synchronized void stopAll() {
        if (stopping) {
            return;
        }
        stopping = true;
        Process p = wildfly;
        if (p != null && p.isAlive()) {
            say("Stopping WildFly ...");
            long t = System.nanoTime();
            p.destroy();
            try {
                if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    say("WildFly did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killing it.");
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            say(String.format(Locale.ROOT, "WildFly stopped in %.1f s", secondsSince(t)));
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException ignored) {
            // only a hint for the next run, which checks the command line anyway
        }
        LocalRedis r = redis;
        if (r != null) {
            long t = System.nanoTime();
            try {
                boolean wasRunning = r.isRunning(); // a Ctrl-C in the terminal also signals redis-server itself
                r.stop();
                say(wasRunning ? "Redis stopped in " + millisSince(t) + " ms" : "Redis stopped");
            } catch (RuntimeException e) {
                say("Could not stop Redis cleanly: " + e);
            }
        }
    }

    /**
     * If an earlier run was killed hard (SIGKILL of Maven, a closed terminal), its WildFly may still run
     * from our directory: stop it, rather than failing on its ports.
     */
    private void stopLeftoverWildFly() throws IOException, InterruptedException {
        Path pidFile = pidFile();
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).trim();
        Files.delete(pidFile);
        var leftover = ProcessHandle.of(Long.parseLong(pid))
                .filter(p -> p.info().commandLine().orElse("").contains(wildflyHome.toString()));
        if (leftover.isPresent()) {
            say("Stopping WildFly (pid " + pid + ") left over from an earlier run ...");
            leftover.get().destroy();
            try {
                leftover.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                leftover.get().destroyForcibly();
            }
        }
    }

    private Path pidFile() {
        return workDir.resolve("wildfly.pid");
    }

    private void cleanDeployment(Path deployments) throws IOException {
        try (var files = Files.list(deployments)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(CONTEXT + ".war")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private Path serverLog() {
        return wildflyHome.resolve("standalone/log/server.log");
    }

    /** WildFly's own "started in ...ms" line, shortened. */
    private static String bootLine(Path console) {
        Pattern p = Pattern.compile("WFLYSRV002[56]: (.*? started in \\d+ms)");
        try {
            if (Files.exists(console)) {
                Matcher m = p.matcher(Files.readString(console, StandardCharsets.UTF_8));
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // only cosmetic
        }
        return null;
    }

    private static void warnIfUnreachable(String url) {
        try {
            URI uri = URI.create(url);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), 2000);
            }
        } catch (IOException | IllegalArgumentException e) {
            say("Warning: cannot connect to " + url + " (" + e.getMessage() + "); the app will answer 503"
                    + " until it can.");
        }
    }

    static boolean inUse(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            return true;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? one : one.substring(0, max) + "...";
    }

    private static String required(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run through the run "
                    + "profile: ./mvnw -Prun -DskipTests -pl sample-app -am verify");
        }
        return v;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    static void say(String line) {
        System.out.println(line.isEmpty() ? "" : "[redisee-sample] " + line);
        System.out.flush();
    }
}
