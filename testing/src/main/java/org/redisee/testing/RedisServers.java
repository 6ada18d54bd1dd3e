package org.redisee.testing;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Real Redis servers for tests, shared by the whole JVM or private to one test.
 *
 * <p>Where Redis comes from, in order:
 * <ol>
 *   <li>{@value #URL_ENV} (or system property {@value #URL_PROPERTY}): the shared {@link #standalone()} is that
 *       server, used as-is and never stopped. Cluster, sentinel and private servers still run as processes,
 *       because they must be created or stopped.</li>
 *   <li>Testcontainers ({@code redis:7.0}), if Docker is available: the shared standalone server only. Cluster
 *       and sentinel announce the addresses they see, which behind Docker's port mapping are not the ones a test
 *       can reach, and private servers must keep their port across restarts; all of them run as processes.</li>
 *   <li>a {@code redis-server} process: system property {@code redisee.test.redis-binary} or env
 *       {@code REDISEE_REDIS_SERVER} ({@code embedded} or a path; naming a binary also skips Docker), else the first
 *       {@code redis-server} 7+ on {@code PATH}, else the Redis 7.0.15 binary inside
 *       {@code org.signal:embedded-redis}.</li>
 * </ol>
 * If none of them works, the call throws with instructions for getting Redis; it never skips silently.
 *
 * <p>Processes listen on free ports of 127.0.0.1, keep no data on disk, and are killed when the JVM exits (or, if
 * the JVM was killed, by the next JVM that uses this class). A one-line summary of the source goes to stderr.
 *
 * <p>Shared servers must not be stopped or closed by tests; tests that stop Redis take a private one.
 */
public final class RedisServers {

    public static final String URL_ENV = "REDISEE_TEST_URL";
    public static final String URL_PROPERTY = "redisee.test.url";

    private static final Lazy<RedisStandalone> STANDALONE = new Lazy<>(RedisServers::startSharedStandalone);
    private static final Lazy<RedisCluster> CLUSTER = new Lazy<>(RedisCluster::new);
    private static final Lazy<RedisSentinel> SENTINEL = new Lazy<>(RedisSentinel::new);

    private RedisServers() {
    }

    /** The JVM-wide standalone server, started on first use. */
    public static RedisStandalone standalone() {
        return STANDALONE.get();
    }

    /** The JVM-wide 6-node cluster, started on first use (about 2.1 s). */
    public static RedisCluster cluster() {
        return CLUSTER.get();
    }

    /** The JVM-wide sentinel setup, started on first use (about 2.2 s). */
    public static RedisSentinel sentinel() {
        return SENTINEL.get();
    }

    /** A new standalone redis-server process that the caller owns and closes; it may stop and restart it. */
    public static RedisStandalone newStandalone() {
        return newStandalone(new String[0]);
    }

    /**
     * Like {@link #newStandalone()}, with more {@code redis-server} arguments after the defaults, which they override:
     * {@code newStandalone("--appendonly", "yes")} keeps the data across stop, kill and restart.
     */
    public static RedisStandalone newStandalone(String... serverArguments) {
        return RedisProcess.started("standalone", FreePorts::pick,
                (port, dir) -> RedisProcess.dataNodeArguments(port, dir, serverArguments));
    }

    /**
     * Like {@link #newStandalone()}, with more {@code redis-server} arguments after the usual ones (a later option
     * overrides an earlier one), for example {@code --tls-port 16390 --tls-cert-file ...} or
     * {@code --aclfile users.acl}. The server must still answer {@code PING} without authentication on its plain
     * port, which is how the library sees that it is up.
     */
    public static RedisStandalone newStandalone(List<String> extraArguments) {
        List<String> extra = List.copyOf(extraArguments);
        return RedisProcess.started("standalone", FreePorts::pick,
                (port, dir) -> RedisProcess.dataNodeArguments(port, dir, extra.toArray(String[]::new)));
    }

    /**
     * Like {@link #newStandalone()}, on a port of the caller's choosing (for a dev launcher that wants 6379);
     * throws if that port is taken.
     */
    public static RedisStandalone newStandalone(int port) {
        return RedisProcess.started("standalone", () -> port, RedisProcess::dataNodeArguments);
    }

    /** A new cluster that the caller owns and closes, for tests that fail nodes over. */
    public static RedisCluster newCluster() {
        return new RedisCluster();
    }

    /** A new sentinel setup that the caller owns and closes, for tests that fail the master over. */
    public static RedisSentinel newSentinel() {
        return new RedisSentinel();
    }

    private static RedisStandalone startSharedStandalone() {
        String url = System.getProperty(URL_PROPERTY, System.getenv(URL_ENV));
        if (url != null && !url.isBlank()) {
            return external(url.trim());
        }
        if (!RedisBinary.isExplicitlyChosen() && isDockerAvailable()) {
            return DockerRedis.start();
        }
        return newStandalone();
    }

    private static RedisStandalone external(String url) {
        RedisStandalone redis = new UnmanagedRedis(url, URL_ENV, () -> { });
        try (RedisCommands commands = redis.connect()) {
            commands.call("PING");
        } catch (UncheckedIOException | RedisReplyException e) {
            throw new IllegalStateException(URL_ENV + " / " + URL_PROPERTY + " is " + url
                    + ", but that Redis does not answer PING: " + e.getMessage() + ". Start it, or unset the variable"
                    + " to let the tests start Redis themselves.", e);
        }
        report("standalone Redis at " + url + " (" + URL_ENV + ")");
        return redis;
    }

    /** False also when Testcontainers was excluded from the classpath. */
    private static boolean isDockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, RedisServers.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        return DockerRedis.isDockerAvailable();
    }

    static void report(String source) {
        System.err.println("RedisEE tests: " + source);
    }
}
