package org.redisee.sample.launcher;

import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;

/**
 * The Redis that the launcher starts when the user names none: redis-server from PATH, or the static binary
 * from {@code org.signal:embedded-redis}, chosen by redisee-testing. On 6379 when that port is free (so that
 * {@code redis-cli} works without flags), else on a free port; {@code -Dsample.redisPort=N} forces a port.
 */
final class LocalRedis {

    private static final int DEFAULT_PORT = 6379;

    private final RedisStandalone server;
    private final String version;
    private final String origin;

    private LocalRedis(RedisStandalone server, String origin) {
        this.server = server;
        this.origin = origin;
        String v;
        try (RedisCommands commands = server.connect()) {
            v = commands.info("server").getOrDefault("redis_version", "?");
        } catch (RuntimeException e) {
            v = "?";
        }
        this.version = v;
    }

    static LocalRedis start() {
        Integer forced = Integer.getInteger("sample.redisPort");
        int port = forced != null ? forced : DEFAULT_PORT;
        if (!SampleLauncher.inUse(port)) {
            try {
                return new LocalRedis(RedisServers.newStandalone(port), "port " + port);
            } catch (RuntimeException e) {
                if (forced != null) {
                    throw e;
                }
                SampleLauncher.say("Could not start Redis on " + port + " (" + firstLine(e.getMessage())
                        + "); using a free port.");
            }
        } else if (forced != null) {
            throw new IllegalStateException("Port " + port + " (-Dsample.redisPort) is already in use.");
        } else {
            SampleLauncher.say("Port " + port + " is in use (another Redis?); starting Redis on a free port.");
        }
        return new LocalRedis(RedisServers.newStandalone(), "free port");
    }

    String url() {
        return server.url();
    }

    String version() {
        return version;
    }

    String origin() {
        return origin;
    }

    String cliHint() {
        return server.port() == DEFAULT_PORT ? "redis-cli" : "redis-cli -p " + server.port();
    }

    boolean isRunning() {
        return server.isRunning();
    }

    /** SHUTDOWN NOSAVE, then removes its temporary data directory. */
    void stop() {
        server.stop();
        server.close();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
