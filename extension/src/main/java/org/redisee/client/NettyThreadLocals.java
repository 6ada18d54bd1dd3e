package org.redisee.client;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * Netty keeps per-thread state in a thread local whose class comes from the application. Left on a server's pooled
 * thread, it keeps the whole application class loader alive after undeploy. Call {@link #clear()} when RedisEE has
 * used Netty on a thread the server owns.
 */
final class NettyThreadLocals {

    private NettyThreadLocals() {
    }

    /** Removes this thread's Netty state, of this application's Netty only. */
    static void clear() {
        FastThreadLocal.removeAll();
    }
}
