package org.redisee.lock;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * Runs a method on one node at a time, cluster-wide, under a Redis lock (Redisson's {@code RLock}, renewed by its
 * watchdog while the method runs):
 * <pre>
 * &#64;Schedule(hour = "*", minute = "*&#47;5") &#64;Locked(name = "nightly-report")
 * void report() { ... }   // on two nodes: runs once per tick
 * </pre>
 * When the lock is held elsewhere and {@link #waitFor()} passes without it, a {@code void} method is skipped (logged
 * and counted); any other method throws {@link LockUnavailableException}. A method that is quick next to its
 * nodes' clock differences also needs {@link #atMostEvery()}.
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface Locked {

    /** The lock's name; by default {@code <declaring class name>.<method name>}. */
    @Nonbinding
    String name() default "";

    /** How long to wait for the lock: ISO-8601 or a number with a unit; {@code 0s} (default) skips at once. */
    @Nonbinding
    String waitFor() default "0s";

    /**
     * How long the lock is held at most; empty (default) holds it until the method returns, renewed by the watchdog,
     * and released by Redis within 30 s if the node dies.
     */
    @Nonbinding
    String lease() default "";

    /**
     * Runs start at least this far apart, cluster-wide, however fast the method returns: a run marks the lock for
     * this long, and calls that find the mark are skipped as if the lock were held. For timers on several nodes, whose
     * ticks reach them a little apart: with a 1-second tick, {@code "800ms"} keeps one node's late tick from running
     * again after another node's run has already finished. Empty (default): no such spacing.
     */
    @Nonbinding
    String atMostEvery() default "";
}
