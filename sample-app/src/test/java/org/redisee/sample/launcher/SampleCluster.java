package org.redisee.sample.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The sample's set-up: one Redis and one or more WildFly nodes with the war deployed, all on this machine. The run
 * profile starts it through {@link SampleLauncher}; a JUnit test can start it too:
 * <pre>{@code
 * try (SampleCluster cluster = new SampleCluster(options)) {
 *     cluster.start();
 *     cluster.nodes().get(1).appUrl();   // http://localhost:8180/redisee-sample/
 * }
 * }</pre>
 * Node i (from 0) is named {@code node-a}, {@code node-b}, ... and listens on 8080 + offset + 100 i (HTTP) and
 * 9990 + offset + 100 i (management, with {@code /health} and {@code /prometheus}). The nodes share the Redis, so
 * they share sessions, rate limits, caches and events.
 */
public final class SampleCluster implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);
    private static final int NODE_PORT_STEP = 100;

    /**
     * What to start.
     *
     * @param wildflyHome      an unpacked WildFly distribution; the nodes only read it
     * @param war              the sample's war
     * @param workDir          where the nodes' base directories go ({@code <workDir>/node-a}, ...)
     * @param nodes            how many WildFly servers
     * @param portOffset       the first node's port offset
     * @param redisUrl         a Redis to use; null starts a local one
     * @param redisPort        the local Redis's port; null: 6379 if free, else a free port; 0: a free port
     * @param verbose          WildFly's console on this terminal instead of a file per node
     * @param systemProperties more system properties for every server, such as {@code redisee.*} or {@code chat.*}
     *                         settings that override the war's configuration
     */
    public record Options(Path wildflyHome, Path war, Path workDir, int nodes, int portOffset, String redisUrl,
                          Integer redisPort, boolean verbose, Map<String, String> systemProperties) {

        /**
         * From system properties, as the run profile sets them: {@code sample.wildflyHome}, {@code sample.war} and
         * {@code sample.workDir} (from the pom), {@code sample.nodes} (1), {@code sample.portOffset} (0),
         * {@code sample.redisPort}, {@code sample.verbose}, {@code redisee.url} or the environment variable
         * {@code REDISEE_URL}; every other {@code chat.*} and {@code redisee.*} property goes to the servers.
         */
        public static Options fromSystemProperties() {
            String redisUrl = firstNonBlank(System.getProperty("redisee.url"), System.getenv("REDISEE_URL"));
            Map<String, String> forwarded = new TreeMap<>();
            System.getProperties().stringPropertyNames().stream()
                    .filter(key -> key.startsWith("chat.") || key.startsWith("redisee."))
                    // redisee.test.* chooses the Redis of redisee-testing, not a setting of the app
                    .filter(key -> !key.equals("redisee.url") && !key.startsWith("redisee.test."))
                    .forEach(key -> forwarded.put(key, System.getProperty(key)));
            return new Options(Path.of(required("sample.wildflyHome")).toAbsolutePath(),
                    Path.of(required("sample.war")).toAbsolutePath(),
                    Path.of(required("sample.workDir")).toAbsolutePath(),
                    Integer.getInteger("sample.nodes", 1), Integer.getInteger("sample.portOffset", 0), redisUrl,
                    Integer.getInteger("sample.redisPort"), Boolean.getBoolean("sample.verbose"), forwarded);
        }
    }

    private final Options options;
    private final List<WildFlyNode> nodes = new ArrayList<>();
    private volatile LocalRedis localRedis;
    private volatile String redisUrl;
    private volatile boolean closed;

    public SampleCluster(Options options) {
        this.options = options;
        for (int i = 0; i < options.nodes(); i++) {
            nodes.add(new WildFlyNode("node-" + (char) ('a' + i), options.wildflyHome(), options.workDir(),
                    options.portOffset() + NODE_PORT_STEP * i));
        }
    }

    /** Starts Redis (unless one is named), then the nodes side by side; returns once every node serves the app. */
    public void start() throws IOException, InterruptedException {
        try {
            startAll();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException {
        if (!Files.isRegularFile(options.war())) {
            throw new IllegalStateException("The war is missing: " + options.war() + " (the package phase builds it)");
        }
        if (!Files.isRegularFile(options.wildflyHome().resolve("jboss-modules.jar"))) {
            throw new IllegalStateException("WildFly is missing: " + options.wildflyHome()
                    + " (the run profile unpacks it in pre-integration-test)");
        }
        Files.createDirectories(options.workDir());
        ChatServerConfiguration.prepare(options.wildflyHome());
        // Ports first: no point in starting Redis if a node cannot bind.
        for (WildFlyNode node : nodes) {
            List<Integer> taken = node.portsInUse();
            if (!taken.isEmpty()) {
                throw new IllegalStateException("Port " + taken + " of " + node.name() + " is already in use (another"
                        + " WildFly?). Stop it, or choose other ports with -Dsample.portOffset=N (HTTP on 8080+N).");
            }
        }

        if (options.redisUrl() != null) {
            redisUrl = options.redisUrl();
            Console.say("Using Redis at " + redisUrl + "; not starting one.");
            warnIfUnreachable(redisUrl);
        } else {
            long t = System.nanoTime();
            localRedis = LocalRedis.start(options.redisPort());
            redisUrl = localRedis.url();
            Console.say(String.format(Locale.ROOT, "Redis %s started on %s in %d ms (%s)",
                    localRedis.version(), redisUrl, Console.millisSince(t), localRedis.origin()));
        }

        Map<String, String> properties = new TreeMap<>(options.systemProperties());
        properties.put("redisee.url", redisUrl);
        long t = System.nanoTime();
        for (WildFlyNode node : nodes) {
            node.start(options.war(), properties, options.verbose());
            Console.say("Starting " + node.name() + " (WildFly, " + ChatServerConfiguration.NAME + ", -Xmx512m, HTTP"
                    + " port " + node.httpPort() + ")" + (options.verbose() ? "" : "; console: " + node.console()));
        }
        for (WildFlyNode node : nodes) {
            String answer = node.awaitReady(t, STARTUP_TIMEOUT);
            Console.say(String.format(Locale.ROOT, "%s serves the app after %.1f s: GET api/node -> %s", node.name(),
                    Console.secondsSince(t), Console.abbreviate(answer, 120)));
        }
    }

    public String redisUrl() {
        return redisUrl;
    }

    /** {@code redis-cli} with the flags that reach the local Redis; null when the Redis was named. */
    public String redisCliHint() {
        return localRedis == null ? null : localRedis.cliHint();
    }

    public List<WildFlyNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Completes when the first node exits, for whatever reason. */
    public CompletableFuture<WildFlyNode> anyNodeExit() {
        CompletableFuture<WildFlyNode> first = new CompletableFuture<>();
        nodes.forEach(node -> node.onExit().thenRun(() -> first.complete(node)));
        return first;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops the nodes (side by side, each gracefully), then Redis. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t = System.nanoTime();
        List<WildFlyNode> running = nodes.stream().filter(WildFlyNode::isAlive).toList();
        if (!running.isEmpty()) {
            Console.say("Stopping " + String.join(", ", running.stream().map(WildFlyNode::name).toList()) + " ...");
            CompletableFuture.allOf(running.stream().map(node -> CompletableFuture.runAsync(node::stop))
                    .toArray(CompletableFuture[]::new)).join();
            Console.say(String.format(Locale.ROOT, "WildFly stopped in %.1f s", Console.secondsSince(t)));
        }
        LocalRedis redis = localRedis;
        if (redis != null) {
            long tRedis = System.nanoTime();
            try {
                boolean wasRunning = redis.isRunning(); // a Ctrl-C in the terminal also signals redis-server itself
                redis.stop();
                Console.say(wasRunning ? "Redis stopped in " + Console.millisSince(tRedis) + " ms" : "Redis stopped");
            } catch (RuntimeException e) {
                Console.say("Could not stop Redis cleanly: " + e);
            }
        }
    }

    private static void warnIfUnreachable(String url) {
        try {
            URI uri = URI.create(url);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), 2000);
            }
        } catch (IOException | IllegalArgumentException e) {
            Console.say("Warning: cannot connect to " + url + " (" + e.getMessage() + "); the app will answer 503"
                    + " until it can.");
        }
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
}
