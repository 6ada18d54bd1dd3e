package org.redisee.benchmarks.session;

import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Session throughput on WildFly (issue 6): the container's in-memory sessions against RedisEE's Redis sessions, for a
 * read-only request that reads one attribute. Not JMH: a harness that
 * <ol>
 *   <li>builds three wars from the integration tests' base war (RedisEE and its dependencies in {@code WEB-INF/lib},
 *       as a user's war has them) plus one servlet ({@code org.redisee.benchmarks.session.app}): {@code memory}
 *       (sessions not enabled: the container's), {@code redis} ({@code redisee.session.enabled=true}) and
 *       {@code redis-nolocal} (the same with {@code redisee.session.local-copy=false}); all three have the same
 *       {@code redisee.url}, so RedisEE starts its client in each;</li>
 *   <li>starts the unpacked WildFly ({@code standalone.xml}, port offset 300: HTTP 8380) with a server base directory
 *       of its own under {@code benchmarks/target/session-bench}, and a private {@code redis-server};</li>
 *   <li>creates one session per client thread in each war, checks that read-only requests within the touch interval
 *       send nothing to Redis (and exactly one {@code HGETALL} without the local copy);</li>
 *   <li>for each thread count: N client threads, one keep-alive connection each, send requests back to back; the
 *       arms take turns in short phases (order rotated and reversed every round), so that every arm sees the same
 *       machine; requests per second, latency percentiles, CPU per request of WildFly, the client, Redis and
 *       everything else on the machine, and Redis commands per request ({@code INFO commandstats}) are summed per
 *       arm over its phases;</li>
 *   <li>stops WildFly (SIGTERM, a clean shutdown) and Redis.</li>
 * </ol>
 * Arms: {@code memory}, {@code redis}, {@code redis-nolocal} ({@code GET /read} with the session cookie),
 * {@code memory-aa} (memory again, the A/A control), {@code plain} ({@code GET /plain} on the memory war, no
 * session: the floor) and {@code filter-plain} ({@code GET /plain} on the redis war: RedisEE's filter without a
 * session). Not run by default: {@code redis-onset} (Redis sessions with {@code save-mode=on-set-attribute}).
 *
 * <p>Run from the repository root: {@code java -cp benchmarks/target/benchmarks.jar
 * org.redisee.benchmarks.session.SessionThroughput}. System properties ({@code -Dsession.X=...}): {@code wildfly}
 * (default: {@code integration-tests/wildfly/target/wildfly-*}), {@code baseWar} (default:
 * {@code integration-tests/base-war/target/*.war}), {@code threads} (8,32), {@code rounds} (8), {@code phase}
 * (seconds, 2), {@code warmup} (seconds per arm, 3), {@code arms} (the six above; memory first), {@code portOffset} (300), {@code heap}
 * (WildFly's, {@code -Xms512m -Xmx512m}), {@code jvmArgs} (more options for WildFly's JVM, for example a
 * {@code -XX:StartFlightRecording=...} to profile it), {@code config} (standalone.xml). Prints {@code [session-bench]} lines.
 */
public final class SessionThroughput {

    static final String TAG = "[session-bench] ";
    private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux
    private static final Set<String> WRITES = Set.of("hset", "hmset", "hdel", "hsetnx", "pexpire", "expire", "pexpireat",
            "zadd", "zrem", "publish", "spublish", "del", "unlink", "eval", "evalsha", "set", "psetex", "setex");

    private record War(String name, Map<String, String> config) {
    }

    private record Arm(String name, String war, String path, String cookie) {
        boolean readsSession() {
            return cookie != null;
        }
    }

    private static final List<Arm> ALL_ARMS = List.of(
            new Arm("memory", "memory", "/read", "JSESSIONID"),
            new Arm("redis", "redis", "/read", "SESSION"),
            new Arm("redis-nolocal", "redis-nolocal", "/read", "SESSION"),
            new Arm("memory-aa", "memory", "/read", "JSESSIONID"),
            new Arm("plain", "memory", "/plain", null),
            new Arm("filter-plain", "redis", "/plain", null),
            // not run unless named in session.arms: Redis sessions with save-mode=on-set-attribute, which does not
            // serialize the attributes a request read to see whether they changed
            new Arm("redis-onset", "redis-onset", "/read", "SESSION"));
    private static final String DEFAULT_ARMS = "memory,redis,redis-nolocal,memory-aa,plain,filter-plain";

    private final String host = "127.0.0.1";
    private final int port;
    private final List<Arm> arms;
    /** Session cookies ("NAME=value") per war, one per client thread. */
    private final Map<String, List<String>> cookies = new LinkedHashMap<>();
    private final RedisCommands redis;
    private final ProcessHandle server;
    private final long redisPid;
    private final List<Double> loads = Collections.synchronizedList(new ArrayList<>());

    private SessionThroughput(int port, List<Arm> arms, RedisCommands redis, ProcessHandle server, long redisPid) {
        this.port = port;
        this.arms = arms;
        this.redis = redis;
        this.server = server;
        this.redisPid = redisPid;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("session.wildfly", WildFlyServer.unpackedByIntegrationTests()
                .map(Path::toString).orElseThrow(() -> new IllegalStateException("No WildFly under integration-tests/"
                        + "wildfly/target: run the WildFly integration tests once (they unpack it), or set -Dsession.wildfly"))));
        Path baseWar = Path.of(System.getProperty("session.baseWar", baseWarFromIntegrationTests()));
        int[] threadCounts = Arrays.stream(System.getProperty("session.threads", "8,32").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int rounds = Integer.getInteger("session.rounds", 8);
        double phase = Double.parseDouble(System.getProperty("session.phase", "2"));
        double warmup = Double.parseDouble(System.getProperty("session.warmup", "3"));
        int offset = Integer.getInteger("session.portOffset", 300);
        Set<String> chosen = new HashSet<>(Arrays.asList(System.getProperty("session.arms", DEFAULT_ARMS).split(",")));
        List<Arm> arms = ALL_ARMS.stream().filter(a -> chosen.contains(a.name())).toList();
        if (arms.isEmpty() || !arms.get(0).name().equals("memory")) {
            throw new IllegalArgumentException("session.arms must include memory, the reference");
        }
        checkFree(8080 + offset);
        checkFree(9990 + offset);

        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "%sWildFly %s, base war %s, threads %s, %d rounds x %.1f s per arm, warm-up %.1f s per arm, arms %s%n",
                TAG, home, baseWar, Arrays.toString(threadCounts), rounds, phase, warmup, arms.stream().map(Arm::name).toList());
        System.out.printf(Locale.ROOT, "%sload average at the start: %s%n", TAG, loadAverage());

        String prefix = "bench-session-" + UUID.randomUUID().toString().substring(0, 8);
        try (RedisStandalone redisServer = RedisServers.newStandalone();
             RedisCommands redis = redisServer.connect();
             WildFlyServer wildfly = new WildFlyServer(home, Path.of("benchmarks", "target", "session-bench", "server"),
                     offset, System.getProperty("session.heap", "-Xms512m -Xmx512m") + " " + System.getProperty("session.jvmArgs", ""))) {
            Thread stopOnExit = new Thread(() -> {
                wildfly.close();
                redisServer.close();
            });
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            Map<String, String> common = Map.of("redisee.url", redisServer.url(), "redisee.metrics.backend", "none");
            List<War> wars = Stream.of(
                    new War("memory", with(common, "redisee.key-prefix", prefix + "-memory")),
                    new War("redis", with(common, "redisee.key-prefix", prefix + "-redis", "redisee.session.enabled", "true")),
                    new War("redis-nolocal", with(common, "redisee.key-prefix", prefix + "-nolocal",
                            "redisee.session.enabled", "true", "redisee.session.local-copy", "false")),
                    new War("redis-onset", with(common, "redisee.key-prefix", prefix + "-onset",
                            "redisee.session.enabled", "true", "redisee.session.save-mode", "on-set-attribute")))
                    .filter(war -> arms.stream().anyMatch(arm -> arm.war().equals(war.name()))).toList();
            wildfly.prepare();
            for (War war : wars) {
                buildWar(baseWar, wildfly.deployments().resolve(war.name() + ".war"), war.config());
            }
            long t0 = System.nanoTime();
            wildfly.start(System.getProperty("session.config", "standalone.xml"));
            wildfly.awaitDeployed(wars.stream().map(w -> w.name() + ".war").toList(), Duration.ofMinutes(4));
            System.out.printf(Locale.ROOT, "%sWildFly up, " + wars.size() + " wars deployed in %.1f s (HTTP port %d)%n", TAG,
                    (System.nanoTime() - t0) / 1e9, wildfly.httpPort());

            long redisPid = Long.parseLong(redis.info("server").get("process_id"));
            SessionThroughput bench = new SessionThroughput(wildfly.httpPort(), arms, redis, wildfly.javaProcess(), redisPid);
            int maxThreads = Arrays.stream(threadCounts).max().orElseThrow();
            bench.createSessions(wars, maxThreads);
            bench.checkReadOnly(Math.min(maxThreads, 16), 20);
            for (int i = 0; i < threadCounts.length; i++) {
                bench.run(threadCounts[i], rounds, phase, i == 0 ? warmup : Math.min(warmup, 1));
            }
            System.out.printf(Locale.ROOT, "%sload average (1 min) over the run: %s; at the end: %s%n", TAG,
                    summary(bench.loads), loadAverage());
            System.out.printf(Locale.ROOT, "%sstopping WildFly and Redis (took %.0f s in all)%n", TAG, (System.nanoTime() - started) / 1e9);
            wildfly.close();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- sessions

    private void createSessions(List<War> wars, int count) throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(host, port)) {
            connection.keepHeaders = true;
            for (War war : wars) {
                String cookieName = war.config().containsKey("redisee.session.enabled") ? "SESSION" : "JSESSIONID";
                List<String> list = new ArrayList<>();
                for (int t = 0; t < count; t++) {
                    connection.exchange(KeepAliveConnection.get(host, port, "/" + war.name() + "/create?user=u" + t, null));
                    if (connection.status != 200 || connection.setCookie == null || !connection.setCookie.startsWith(cookieName + "=")) {
                        throw new IllegalStateException("/" + war.name() + "/create answered " + connection.status
                                + " with Set-Cookie " + connection.setCookie + ": " + connection.body());
                    }
                    list.add(connection.setCookie.substring(0, connection.setCookie.indexOf(';')));
                    if (t == 0) {
                        System.out.printf("%s/%s/create answered %s%n", TAG, war.name(), connection.headers);
                    }
                }
                cookies.put(war.name(), list);
            }
        }
        System.out.printf(Locale.ROOT, "%s%d sessions created in each war; Redis has %s keys%n", TAG, count, redis.call("DBSIZE"));
    }

    /**
     * Read-only requests right after the sessions were created, well within the touch interval: with the local copy
     * they must send nothing to Redis, without it exactly one HGETALL each.
     */
    private void checkReadOnly(int sessions, int perSession) throws IOException {
        for (String war : List.of("redis", "redis-nolocal", "redis-onset")) {
            if (arms.stream().noneMatch(a -> a.war().equals(war) && a.readsSession())) {
                continue;
            }
            try (KeepAliveConnection connection = new KeepAliveConnection(host, port)) {
                connection.keepHeaders = true;
                Map<String, Long> before = commandStats();
                int requests = 0;
                int anomalies = 0;
                for (int i = 0; i < perSession; i++) {
                    for (int t = 0; t < sessions; t++) {
                        String cookie = cookies.get(war).get(t);
                        connection.exchange(KeepAliveConnection.get(host, port, "/" + war + "/read", cookie));
                        if (connection.status != 200 || !connection.body().equals("u" + t) || connection.setCookie != null) {
                            if (++anomalies <= 5) {
                                System.out.printf(Locale.ROOT, "%sANOMALY %s read %d of session %d: sent Cookie: %s; got %s; body %s%n",
                                        TAG, war, i, t, cookie, connection.headers, connection.body());
                            }
                        }
                        requests++;
                    }
                }
                Map<String, Long> delta = minus(commandStats(), before);
                System.out.printf(Locale.ROOT, "%scheck %s: %d read-only requests (%d sessions x %d) within the touch interval:"
                        + " %d Redis commands, %d writes %s; %d answers not 200 with the session's user or with a Set-Cookie%n",
                        TAG, war, requests, sessions, perSession, total(delta), writes(delta), delta, anomalies);
            }
        }
    }

    // ---------------------------------------------------------------- the measured phases

    private final class Client extends Thread {
        final KeepAliveConnection connection;
        final byte[][] requests = new byte[arms.size()][];
        final byte[][] expected = new byte[arms.size()][];
        final Latencies[] latencies = new Latencies[arms.size()];
        final long[] perPhase;
        final long[] errors = new long[arms.size()];
        final long[] setCookies = new long[arms.size()];
        String firstError;

        Client(int index, int phases) throws IOException {
            super("session-client-" + index);
            setDaemon(true);
            connection = new KeepAliveConnection(host, port);
            perPhase = new long[phases];
            for (int a = 0; a < arms.size(); a++) {
                Arm arm = arms.get(a);
                requests[a] = KeepAliveConnection.get(host, port, "/" + arm.war() + arm.path(),
                        arm.readsSession() ? cookies.get(arm.war()).get(index) : null);
                expected[a] = (arm.readsSession() ? "u" + index : "plain").getBytes(StandardCharsets.UTF_8);
                latencies[a] = new Latencies();
            }
        }

        /** Uses a cookie the server set from now on, as a browser would, in every arm that sends it. */
        private void follow(int arm, String setCookie) {
            Arm from = arms.get(arm);
            if (from.cookie() == null || !setCookie.startsWith(from.cookie() + "=")) {
                return;
            }
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            for (int a = 0; a < arms.size(); a++) {
                Arm other = arms.get(a);
                if (other.war().equals(from.war()) && other.readsSession()) {
                    requests[a] = KeepAliveConnection.get(host, port, "/" + other.war() + other.path(), cookie);
                }
            }
        }

        @Override
        public void run() {
            while (running) {
                int arm = currentArm;
                int phase = recording;
                long start = System.nanoTime();
                try {
                    connection.exchange(requests[arm]);
                } catch (IOException e) {
                    errors[arm]++;
                    if (firstError == null) {
                        firstError = arms.get(arm).name() + ": " + e;
                    }
                    continue;
                }
                long took = System.nanoTime() - start;
                if (connection.status != 200 || !connection.bodyEquals(expected[arm])) {
                    errors[arm]++;
                    if (firstError == null) {
                        firstError = arms.get(arm).name() + ": HTTP " + connection.status + " " + connection.body();
                    }
                }
                if (connection.setCookie != null) {
                    setCookies[arm]++;
                    follow(arm, connection.setCookie);
                }
                if (phase >= 0 && recording == phase) {
                    perPhase[phase]++;
                    latencies[arm].record(took);
                }
            }
            connection.close();
        }
    }

    private volatile boolean running;
    private volatile int currentArm;
    private volatile int recording = -1;

    private void run(int threads, int rounds, double phaseSeconds, double warmupSeconds) throws Exception {
        int n = arms.size();
        List<Client> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(new Client(t, rounds * n));
        }
        running = true;
        currentArm = 0;
        recording = -1;
        clients.forEach(Thread::start);
        for (int a = 0; a < n; a++) {
            currentArm = a;
            Thread.sleep((long) (warmupSeconds * 1000));
        }
        long[] phaseNanos = new long[rounds * n];
        int[] phaseArm = new int[rounds * n];
        long[] wallNanos = new long[n];
        List<Map<String, Long>> commands = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            commands.add(new TreeMap<>());
        }
        long[][] cpu = new long[n][5]; // ticks: WildFly, client, Redis, machine (user + nice + system), irq + softirq
        List<Integer> order = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            order.add(a);
        }
        for (int r = 0; r < rounds; r++) {
            List<Integer> roundOrder = new ArrayList<>(order);
            Collections.rotate(roundOrder, -r);
            if (r % 2 == 1) {
                Collections.reverse(roundOrder);
            }
            for (int a : roundOrder) {
                int id = r * n + a;
                currentArm = a;
                Thread.sleep(250); // let requests of the previous arm finish
                Map<String, Long> statsBefore = commandStats();
                long[] cpuBefore = cpuTicks();
                long t0 = System.nanoTime();
                recording = id;
                Thread.sleep((long) (phaseSeconds * 1000));
                recording = -1;
                long elapsed = System.nanoTime() - t0;
                long[] cpuAfter = cpuTicks();
                Map<String, Long> delta = minus(commandStats(), statsBefore);
                phaseNanos[id] = elapsed;
                phaseArm[id] = a;
                wallNanos[a] += elapsed;
                delta.forEach((k, v) -> commands.get(a).merge(k, v, Long::sum));
                for (int i = 0; i < 5; i++) {
                    cpu[a][i] += cpuAfter[i] - cpuBefore[i];
                }
            }
            loads.add(oneMinuteLoad());
        }
        running = false;
        for (Client client : clients) {
            client.join(35_000);
        }
        report(threads, rounds, phaseSeconds, clients, phaseNanos, wallNanos, commands, cpu);
    }

    private void report(int threads, int rounds, double phaseSeconds, List<Client> clients, long[] phaseNanos,
                        long[] wallNanos, List<Map<String, Long>> commands, long[][] cpu) {
        int n = arms.size();
        long[] perPhase = new long[rounds * n];
        Latencies[] latencies = new Latencies[n];
        long[] errors = new long[n];
        long[] setCookies = new long[n];
        int reconnects = 0;
        for (int a = 0; a < n; a++) {
            latencies[a] = new Latencies();
        }
        for (Client client : clients) {
            for (int i = 0; i < perPhase.length; i++) {
                perPhase[i] += client.perPhase[i];
            }
            for (int a = 0; a < n; a++) {
                latencies[a].add(client.latencies[a]);
                errors[a] += client.errors[a];
                setCookies[a] += client.setCookies[a];
            }
            reconnects += client.connection.reconnects;
            if (client.firstError != null) {
                System.out.printf("%sfirst error on %s: %s%n", TAG, client.getName(), client.firstError);
            }
        }
        double[] rate = new double[n];
        for (int a = 0; a < n; a++) {
            rate[a] = latencies[a].count() / (wallNanos[a] / 1e9);
        }
        System.out.printf(Locale.ROOT, "%n%s== %d client threads: %d rounds x %.1f s per arm, arms interleaved; load average now %s%n",
                TAG, threads, rounds, phaseSeconds, loadAverage());
        System.out.printf(Locale.ROOT, "%s%-13s %9s %8s %22s %8s %8s %8s %7s %6s%n", TAG, "arm", "req/s", "x memory",
                "per round: median [min-max]", "p50 us", "p99 us", "mean us", "errors", "Set-Cookie");
        List<String> perRound = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double own = perPhase[r * n + a] / (phaseNanos[r * n + a] / 1e9);
                double memory = perPhase[r * n] / (phaseNanos[r * n] / 1e9);
                ratios.add(own / memory);
            }
            perRound.add(ratios.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).collect(Collectors.joining(" ")));
            Collections.sort(ratios);
            double median = rounds % 2 == 1 ? ratios.get(rounds / 2) : (ratios.get(rounds / 2 - 1) + ratios.get(rounds / 2)) / 2;
            System.out.printf(Locale.ROOT, "%s%-13s %9.0f %8.3f %8.3f [%.3f-%.3f] %8.0f %8.0f %8.0f %7d %6d%n", TAG,
                    arms.get(a).name(), rate[a], rate[a] / rate[0], median, ratios.get(0), ratios.get(rounds - 1),
                    latencies[a].quantile(0.5), latencies[a].quantile(0.99), latencies[a].mean(), errors[a], setCookies[a]);
        }
        for (int a = 0; a < n; a++) {
            System.out.printf(Locale.ROOT, "%s%-13s x memory per round, in time order: %s%n", TAG, arms.get(a).name(), perRound.get(a));
        }
        System.out.printf(Locale.ROOT, "%sCPU per request (us): WildFly's JVM, the client (this JVM), redis-server, interrupts"
                + " (irq + softirq, mostly loopback networking), all other processes; machine = all of it, busy = %% of 2 cores%n", TAG);
        for (int a = 0; a < n; a++) {
            double requests = latencies[a].count();
            double us = TICK_NANOS / 1000.0;
            double others = cpu[a][3] - cpu[a][0] - cpu[a][1] - cpu[a][2];
            double machine = cpu[a][3] + cpu[a][4];
            System.out.printf(Locale.ROOT, "%s%-13s WildFly %6.1f  client %5.1f  Redis %5.1f  irq %5.1f  others %5.1f  machine %6.1f"
                    + "  busy %3.0f%%  others %4.1f%% of a core%n",
                    TAG, arms.get(a).name(), cpu[a][0] * us / requests, cpu[a][1] * us / requests, cpu[a][2] * us / requests,
                    cpu[a][4] * us / requests, others * us / requests, machine * us / requests,
                    100.0 * machine * TICK_NANOS / wallNanos[a], 100.0 * others * TICK_NANOS / wallNanos[a]);
        }
        System.out.printf(Locale.ROOT, "%sRedis commands per request (INFO commandstats over the arm's phases, background included)%n", TAG);
        for (int a = 0; a < n; a++) {
            double requests = latencies[a].count();
            Map<String, Long> c = commands.get(a);
            String detail = c.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            System.out.printf(Locale.ROOT, "%s%-13s %.4f commands, %.4f writes per request; %d requests; %s%n", TAG,
                    arms.get(a).name(), total(c) / requests, writes(c) / requests, (long) requests, detail.isEmpty() ? "none" : detail);
        }
        if (reconnects > 0) {
            System.out.printf("%s%d reconnects (the server closed keep-alive connections)%n", TAG, reconnects);
        }
    }

    // ---------------------------------------------------------------- measurements

    /** Calls per command since Redis started, without our own INFO. */
    private Map<String, Long> commandStats() {
        Map<String, Long> calls = new TreeMap<>();
        redis.info("commandstats").forEach((name, value) -> {
            String command = name.substring("cmdstat_".length());
            if (!command.equals("info")) {
                calls.put(command, Long.parseLong(value.substring(value.indexOf("calls=") + 6, value.indexOf(','))));
            }
        });
        return calls;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                delta.put(k, d);
            }
        });
        return delta;
    }

    private static long total(Map<String, Long> commands) {
        return commands.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long writes(Map<String, Long> commands) {
        return commands.entrySet().stream().filter(e -> WRITES.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * CPU ticks so far: WildFly's JVM, this JVM, redis-server, all processes of the machine (user + nice + system,
     * all cores), and interrupt handling (irq + softirq), which the kernel charges to no process.
     */
    private long[] cpuTicks() {
        long[] machine = machineTicks();
        return new long[]{processTicks(server.pid()), processTicks(ProcessHandle.current().pid()), processTicks(redisPid),
                machine[0], machine[1]};
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException e) {
            return 0;
        }
    }

    /** The machine's user + nice + system ticks, and irq + softirq ticks, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return new long[]{Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]),
                    Long.parseLong(f[6]) + Long.parseLong(f[7])};
        } catch (IOException e) {
            return new long[2];
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static double oneMinuteLoad() {
        return Double.parseDouble(loadAverage().split(" ")[0]);
    }

    private static String summary(List<Double> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%.2f-%.2f (median %.2f)", sorted.get(0), sorted.get(sorted.size() - 1),
                sorted.get(sorted.size() / 2));
    }

    // ---------------------------------------------------------------- wars

    private static String baseWarFromIntegrationTests() {
        Path target = Path.of("integration-tests", "base-war", "target");
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.toString().endsWith(".war")).map(Path::toString).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No base war under " + target + ": build it with"
                            + " ./mvnw -o -q -pl integration-tests/base-war -am install -DskipTests, or set -Dsession.baseWar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base war, the benchmark servlet and its attribute class, beans.xml and the RedisEE configuration. */
    private static void buildWar(Path baseWar, Path war, Map<String, String> config) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(baseWar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(war))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().endsWith("microprofile-config.properties") || entry.getName().endsWith("beans.xml")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            for (String type : List.of("SessionBenchServlet", "Profile")) {
                String path = "org/redisee/benchmarks/session/app/" + type + ".class";
                try (InputStream bytes = SessionThroughput.class.getClassLoader().getResourceAsStream(path)) {
                    if (bytes == null) {
                        throw new IllegalStateException(path + " is not on the class path");
                    }
                    out.putNextEntry(new ZipEntry("WEB-INF/classes/" + path));
                    bytes.transferTo(out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new ZipEntry("WEB-INF/beans.xml"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("WEB-INF/classes/META-INF/microprofile-config.properties"));
            out.write(new TreeMap<>(config).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> config = new TreeMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static void checkFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is taken; is another WildFly running with this port offset?"
                    + " Choose another with -Dsession.portOffset", e);
        }
    }
}
