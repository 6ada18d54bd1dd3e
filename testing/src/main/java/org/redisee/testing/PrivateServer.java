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
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PrivateServer {
}
