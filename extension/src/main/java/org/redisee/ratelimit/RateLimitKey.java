package org.redisee.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/** Marks the parameter whose value is the key of a {@code @RateLimited(key = KeySource.PARAMETER)} method. */
@Documented
@Retention(RUNTIME)
@Target(PARAMETER)
public @interface RateLimitKey {
}
