package org.redisee.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects real Redis into test constructors, test methods and lifecycle methods: parameters of type
 * {@link RedisStandalone}, {@link RedisCluster} or {@link RedisSentinel} get the JVM-wide shared server from
 * {@link RedisServers}; with {@link PrivateServer} they get a new one, closed when the test (or, for
 * {@code @BeforeAll} and constructors, the scope the parameter was resolved in) ends, started with the annotation's
 * extra server arguments if any.
 */
public final class RedisServerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RedisStandalone.class || type == RedisCluster.class || type == RedisSentinel.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (!parameter.isAnnotated(PrivateServer.class)) {
            return type == RedisStandalone.class ? RedisServers.standalone()
                    : type == RedisCluster.class ? RedisServers.cluster()
                    : RedisServers.sentinel();
        }
        String[] arguments = parameter.findAnnotation(PrivateServer.class).orElseThrow().arguments();
        if (arguments.length > 0 && type != RedisStandalone.class) {
            throw new ParameterResolutionException("@PrivateServer(arguments = ...) is for RedisStandalone parameters;"
                    + " " + parameter.getParameter() + " is a " + type.getSimpleName());
        }
        AutoCloseable server = type == RedisStandalone.class ? RedisServers.newStandalone(arguments)
                : type == RedisCluster.class ? RedisServers.newCluster()
                : RedisServers.newSentinel();
        context.getStore(NAMESPACE).put(server, (ExtensionContext.Store.CloseableResource) server::close);
        return server;
    }
}
