package org.redisee.sample.launcher;

import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;

/**
 * The Redis that the launcher starts when the user names none: redis-server from PATH, or the static binary
 * from {@code org.signal:embedded-redis}, chosen by redisee-testing. On 6379 when that port is free (so that
 * {@code redis-cli} works without flags), else on a free port, unless the caller names a port.
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

    /**
     * @param port the port to use; null: 6379 if free, else a free port; 0: a free port
     */
    static LocalRedis start(Integer port) {
        if (port == null) {
            if (!Console.inUse(DEFAULT_PORT)) {
                try {
                    return new LocalRedis(RedisServers.newStandalone(DEFAULT_PORT), "port " + DEFAULT_PORT);
                } catch (RuntimeException e) {
                    Console.say("Could not start Redis on " + DEFAULT_PORT + " (" + Console.firstLine(e.getMessage())
                            + "); using a free port.");
                }
            } else {
                Console.say("Port " + DEFAULT_PORT + " is in use (another Redis?); starting Redis on a free port.");
            }
        } else if (port != 0) {
            if (Console.inUse(port)) {
                throw new IllegalStateException("Port " + port + " (-Dsample.redisPort) is already in use.");
            }
            return new LocalRedis(RedisServers.newStandalone(port), "port " + port);
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
}
