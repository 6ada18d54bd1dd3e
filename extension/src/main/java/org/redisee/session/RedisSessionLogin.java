package org.redisee.session;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Jakarta Security {@code HttpAuthenticationMechanism}: the login it establishes is kept in the Redis session, so
 * it survives a server restart and is honoured by every node. Like {@code @AutoApplySession}, but in Redis rather
 * than in the container's own session. A request whose session holds a login is logged in from it, without asking
 * the mechanism; {@code request.logout()} or invalidating the session ends it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RedisSessionLogin {
}
