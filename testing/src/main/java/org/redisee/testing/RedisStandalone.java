package org.redisee.testing;

/** A single Redis server. {@link #close()} ends it if this library started it. */
public interface RedisStandalone extends RedisNode, AutoCloseable {

    @Override
    void close();
}
