package org.redisee.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link RedisStandalone}, {@link RedisCluster} or {@link RedisSentinel} parameter resolved by
 * {@link RedisServerExtension} as private: a new server for this test (or class, for {@code @BeforeAll}), closed
 * when that scope ends. Use it for tests that stop, kill or restart Redis.
 *
 * <p>{@link #arguments()} passes more {@code redis-server} options to a private standalone server, for example
 * {@code @PrivateServer(arguments = {"--appendonly", "yes"}) RedisStandalone redis} for a server that keeps its data
 * across {@link RedisNode#stop()}, {@link RedisNode#kill()} and {@link RedisNode#start()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PrivateServer {

    /**
     * More {@code redis-server} command-line arguments, as {@code "--name", "value"} pairs; they come after the
     * defaults (persistence off, debug commands on), so they override them. Only for {@link RedisStandalone}.
     */
    String[] arguments() default {};
}
