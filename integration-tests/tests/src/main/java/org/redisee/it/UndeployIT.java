package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.Http;
import org.redisee.it.support.Poll;
import org.redisee.it.support.RedisInspect;
import org.redisee.it.support.ThreadSnapshot;
import org.redisee.testing.RedisServers;
import org.redisee.testing.RedisStandalone;

/**
 * Undeploying the application closes its clients: while it is deployed, this class's own Redis shows connections
 * named {@code redisee-*} in {@code CLIENT LIST}, and its JCache cache has statistics and configuration MXBeans; after
 * undeploy there are no such connections and MXBeans, and no redisson/netty thread is left in the server. Needs a container that undeploys without stopping the server: tag {@code undeploy} (the Payara
 * Micro adapter undeploys by killing the JVM, which would prove nothing).
 */
@Tag("undeploy")
@ExtendWith(ArquillianExtension.class)
class UndeployIT {

    static final String APP = "undeploy-it";
    static final Duration BOUND = Duration.ofSeconds(15);
    static final String JCACHE = "undeploy-it-jcache";
    static final String JCACHE_MBEANS = "javax.cache:CacheManager=redisee.default,Cache=" + JCACHE + ",*";

    private static RedisStandalone redis;

    @Deployment(name = "probe", testable = false)
    static WebArchive probe() {
        return Deployments.probe();
    }

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive app() {
        redis = RedisServers.newStandalone();
        return Deployments.redisApp(APP, Map.of("redisee.url", redis.url(),
                "redisee.jcache." + JCACHE + ".statistics", "true",
                "redisee.jcache." + JCACHE + ".management", "true"));
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void undeployClosesConnectionsAndThreads(@ArquillianResource @OperateOnDeployment("probe") URL probe) {
        ThreadSnapshot before = ThreadSnapshot.read(probe, false);
        log("before deploy: " + before);

        long start = System.nanoTime();
        deployer.deploy(APP);
        log("deployed in " + millis(start) + " ms");
        URL app = sibling(probe, APP);
        assertEquals("1", Http.getOk(app, "api/redis/ping"));
        assertEquals("value of k", Http.getOk(app, "api/jcache/" + JCACHE + "/k"));
        String mbeans = Http.getOk(probe, "api/mbeans?query=" + JCACHE_MBEANS);
        assertEquals(2, mbeans.lines().count(), "the JCache statistics and configuration MXBeans: " + mbeans);

        List<String> names = Poll.until("connections named redisee-* in CLIENT LIST", BOUND,
                () -> RedisInspect.rediseeClientNames(redis.url()), n -> !n.isEmpty());
        log("deployed: CLIENT LIST names " + names + "; " + ThreadSnapshot.read(probe, false));

        start = System.nanoTime();
        deployer.undeploy(APP);
        log("undeployed in " + millis(start) + " ms");

        start = System.nanoTime();
        Poll.until("no redisee-* connection in CLIENT LIST after undeploy", BOUND,
                () -> RedisInspect.rediseeClientNames(redis.url()), List::isEmpty);
        log("no redisee-* connections " + millis(start) + " ms after undeploy");

        assertEquals("", Http.getOk(probe, "api/mbeans?query=" + JCACHE_MBEANS), "no JCache MXBean after undeploy");

        start = System.nanoTime();
        ThreadSnapshot after = ThreadSnapshot.awaitNoNewRedisThreads(probe, before, BOUND);
        log("no redisson/netty threads " + millis(start) + " ms after that: " + after);
    }

    /** The URL of another war on the same server: same host and port, context root = war name. */
    static URL sibling(URL deployment, String contextRoot) {
        try {
            return new URL(deployment, "/" + contextRoot + "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static void log(String message) {
        System.out.println("[UndeployIT] " + message);
    }
}
