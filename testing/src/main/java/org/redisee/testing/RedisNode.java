package org.redisee.testing;

/**
 * One Redis server: a standalone server, a cluster node, or the master or replica of a sentinel setup.
 *
 * <p>Failure tests use {@link #stop()}, {@link #kill()} and {@link #start()}; the server comes back on the same
 * port with the same data directory, so a cluster node rejoins with its old identity. Servers that this library
 * does not own (an external {@code REDISEE_TEST_URL}, a Docker container) throw
 * {@link UnsupportedOperationException} from those three methods.
 */
public interface RedisNode {

    /** {@code redis://host:port}, or the external URL as given. */
    String url();

    String host();

    int port();

    /** Shuts the server down cleanly ({@code SHUTDOWN NOSAVE NOW}) and waits until its process has exited. */
    void stop();

    /** Kills the server process ({@code SIGKILL}), like a crash, and waits until it has exited. */
    void kill();

    /** Starts the server again on the same port and waits until it answers {@code PING}. */
    void start();

    /** Whether the server process is alive (for servers this library does not own: whether it answers PING). */
    boolean isRunning();

    /** Opens a new connection to this server; the caller closes it. */
    default RedisCommands connect() {
        return RedisCommands.connect(url());
    }
}
