package org.redisee.testing;

import java.io.UncheckedIOException;
import java.net.URI;

/**
 * A standalone Redis that this library did not start as a process (an external URL, a Docker container), so it
 * cannot stop or restart it. Tests that do that ask for a private server, which is always a process.
 */
final class UnmanagedRedis implements RedisStandalone {

    private final String url;
    private final URI uri;
    private final String origin;
    private final Runnable onClose;

    UnmanagedRedis(String url, String origin, Runnable onClose) {
        this.url = url;
        this.uri = URI.create(url);
        this.origin = origin;
        this.onClose = onClose;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String host() {
        return uri.getHost();
    }

    @Override
    public int port() {
        return uri.getPort() < 0 ? 6379 : uri.getPort();
    }

    @Override
    public void stop() {
        throw notOwned();
    }

    @Override
    public void kill() {
        throw notOwned();
    }

    @Override
    public void start() {
        throw notOwned();
    }

    private UnsupportedOperationException notOwned() {
        return new UnsupportedOperationException("Redis at " + url + " comes from " + origin
                + ", so it cannot be stopped or restarted here. Use RedisServers.newStandalone() or a @PrivateServer"
                + " parameter for a server of your own.");
    }

    @Override
    public boolean isRunning() {
        try (RedisCommands commands = connect()) {
            return "PONG".equals(commands.call("PING"));
        } catch (UncheckedIOException | RedisReplyException e) {
            return false;
        }
    }

    @Override
    public void close() {
        onClose.run();
    }

    @Override
    public String toString() {
        return "Redis at " + url + " from " + origin;
    }
}
