package org.redisee.ratelimit;

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
 * Limits calls of a method (of every method, on a class) across all nodes:
 * <pre>{@code @RateLimited(name = "login", limit = 5, window = "PT1M", key = KeySource.IP)}</pre>
 * A call over the limit throws {@link RateLimitExceededException}, which JAX-RS answers with HTTP 429. Keys
 * {@code redisee.ratelimit.<name>.limit|window|algorithm|fail-open|client} override the values here at deployment.
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface RateLimited {

    /** The limit's name; by default {@code <declaring class name>.<method name>}. Methods may share a name. */
    @Nonbinding
    String name() default "";

    /** Permits per window; 0 means the configuration must give {@code redisee.ratelimit.<name>.limit}. */
    @Nonbinding
    long limit() default 0;

    /** The window, ISO-8601 ({@code PT1M}) or a number with a unit ({@code 1m}). */
    @Nonbinding
    String window() default "PT1M";

    @Nonbinding
    RateLimitAlgorithm algorithm() default RateLimitAlgorithm.SLIDING_WINDOW;

    /** Whose calls are counted together. */
    @Nonbinding
    KeySource key() default KeySource.GLOBAL;

    /** With {@link KeySource#RESOLVER}: the CDI bean that gives the key. */
    @Nonbinding
    Class<? extends RateLimitKeyResolver> resolver() default RateLimitKeyResolver.class;

    /** Permits one call takes. */
    @Nonbinding
    int permits() default 1;

    /** Whose calls a limit counts together. */
    enum KeySource {
        /** All calls. */
        GLOBAL,
        /** The caller's principal (the HTTP request's, else CDI's); anonymous callers share one key. */
        PRINCIPAL,
        /** The client's IP address; {@code X-Forwarded-For} only from {@code redisee.ratelimit.trusted-proxies}. */
        IP,
        /** The parameter marked {@link RateLimitKey}. */
        PARAMETER,
        /** A {@link RateLimitKeyResolver} bean. */
        RESOLVER
    }
}
