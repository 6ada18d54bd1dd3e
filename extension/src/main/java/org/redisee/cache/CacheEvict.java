package org.redisee.cache;

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
 * Runs the method, then removes the entry for the key built from the parameters, on every node's near cache too.
 * <p>Works on CDI beans and EJBs, and on methods returning {@code CompletionStage}, whose completed value is used.
 * Settings come from {@code redisee.cache.<name>.*}; see docs/caching.md.
 */
@Inherited
@Documented
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface CacheEvict {

    /** The cache name; by default {@code <declaring class name>.<method name>}. */
    @Nonbinding
    String cache() default "";

    /** A CDI bean that builds keys; by default the key is built from the parameters, see {@link CacheKeyParam}. */
    @Nonbinding
    Class<? extends CacheKeyGenerator> keyGenerator() default CacheKeyGenerator.class;
}
