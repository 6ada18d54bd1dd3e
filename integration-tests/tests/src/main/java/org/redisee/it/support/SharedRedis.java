package org.redisee.it.support;

import org.redisee.testing.RedisServers;

/** The JVM-wide Redis that tests without failure injection share (redisee-testing starts and stops it). */
public final class SharedRedis {

    private SharedRedis() {
    }

    public static String url() {
        return RedisServers.standalone().url();
    }
}
