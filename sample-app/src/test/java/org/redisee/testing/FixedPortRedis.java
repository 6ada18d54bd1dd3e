package org.redisee.testing;

/**
 * Sample-app launcher only: a standalone redis-server on a port of our choosing (6379, so that a plain
 * {@code redis-cli} finds it). {@link RedisServers#newStandalone()} always picks a free port, and the pieces
 * that take a port are package-private, hence this class in the same package.
 *
 * <p>Same binary choice, arguments (no persistence, 127.0.0.1 only), data directory and clean-up as
 * {@code newStandalone()}. Remove it once redisee-testing offers a public way to choose the port.
 */
public final class FixedPortRedis {

    private FixedPortRedis() {
    }

    /** Starts redis-server on 127.0.0.1:{@code port}; throws if it does not come up (for example, port taken). */
    public static RedisStandalone start(int port) {
        return RedisProcess.started("standalone", () -> port, RedisProcess::dataNodeArguments);
    }
}
