package org.redisee.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The standalone server in a Testcontainers container, used when Docker is available. All Testcontainers
 * references live here, so that a classpath without Testcontainers only loses this option.
 */
final class DockerRedis {

    static final String IMAGE = "redis:7.0";
    private static final int REDIS_PORT = 6379;

    private DockerRedis() {
    }

    static boolean isDockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static RedisStandalone start() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(REDIS_PORT)
                .withCommand("redis-server", "--save", "", "--appendonly", "no", "--enable-debug-command", "yes");
        container.start();
        String url = "redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
        UnmanagedRedis redis = new UnmanagedRedis(url, "Docker container " + IMAGE, container::stop);
        ServerRegistry.track(redis);
        RedisServers.report("standalone Redis in Docker container " + IMAGE + " at " + url + " (Testcontainers)");
        return redis;
    }
}
