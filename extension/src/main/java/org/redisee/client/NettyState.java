package org.redisee.client;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What the application's own copy of Netty leaves behind, which would keep the whole application class loader alive
 * after undeploy.
 */
final class NettyState {

    private static final Logger LOG = Logger.getLogger(NettyState.class.getName());

    private NettyState() {
    }

    /**
     * Removes this thread's Netty state (a thread local whose class comes from the application), of this
     * application's Netty only. Call it when RedisEE has used Netty on a thread the server owns.
     */
    static void clearThreadLocals() {
        FastThreadLocal.removeAll();
    }

    /**
     * Waits until Netty's global executor thread has ended, which it does by itself about a second after its last
     * task. Servers that close the application's class loader at undeploy (Payara) would otherwise break the thread's
     * next quiet-period check, a class that can no longer load, and the thread then waits forever, holding the
     * application's classes. Netty on the JVM's own class path (a plain Java SE application) has nothing to wait for:
     * that class loader is never closed.
     */
    static void awaitGlobalExecutorEnd() {
        if (GlobalEventExecutor.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            return;
        }
        try {
            if (!GlobalEventExecutor.INSTANCE.awaitInactivity(5, TimeUnit.SECONDS)) {
                LOG.warning("Netty's global executor thread is still running 5 s after the Redis clients closed");
            }
        } catch (IllegalStateException neverStarted) {
            // this application's Netty never started the thread: nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
