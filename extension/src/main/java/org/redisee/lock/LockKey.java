package org.redisee.lock;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/** Marks the parameter whose value joins the lock's name: one lock per value ({@code order-42}), not one per method. */
@Documented
@Retention(RUNTIME)
@Target(PARAMETER)
public @interface LockKey {
}
