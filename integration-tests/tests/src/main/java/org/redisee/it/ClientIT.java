package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.Redis;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.Http;
import org.redisee.it.support.Poll;
import org.redisee.it.support.RedisInspect;
import org.redisee.it.support.ServerEndpoints;
import org.redisee.it.support.SharedRedis;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;

/**
 * The injected clients work in the server: the default client ({@code redisee.url}) and a named one
 * ({@code redisee.client.second.url}, on database 1 of the same Redis). Their connections carry the names
 * {@code redisee-default} and {@code redisee-second}, and the metrics show the connected gauge.
 *
 * <p>This class runs in the server, so none of its fields or method signatures may use a class that exists only
 * on the test side (redisee-testing, the support package); its client-side methods call static helpers.
 */
@ExtendWith(ArquillianExtension.class)
class ClientIT {

    static final String SECOND = "second";

    @Deployment
    static WebArchive deployment() {
        String url = SharedRedis.url();
        return Deployments.redisApp("client-it", Map.of(
                "redisee.url", url,
                "redisee.client." + SECOND + ".url", url + "/1"));
    }

    @Inject
    RedissonClient redis;

    @Inject
    @Redis(SECOND)
    RedissonClient second;

    @Test
    void setAndGet() {
        String key = "it:client:" + UUID.randomUUID();
        RBucket<String> bucket = redis.getBucket(key);
        bucket.set("hello", Duration.ofMinutes(1));
        assertEquals("hello", redis.<String>getBucket(key).get());
    }

    @Test
    void atomicLongIncrements() {
        RAtomicLong counter = redis.getAtomicLong("it:client:counter:" + UUID.randomUUID());
        counter.expire(Duration.ofMinutes(1));
        assertEquals(1, counter.incrementAndGet());
        assertEquals(2, counter.incrementAndGet());
        assertEquals(12, counter.addAndGet(10));
    }

    @Test
    void namedClientIsASeparateClient() {
        String key = "it:client:named:" + UUID.randomUUID();
        second.<String>getBucket(key).set("in db 1", Duration.ofMinutes(1));
        assertEquals("in db 1", second.<String>getBucket(key).get());
        assertNull(redis.<String>getBucket(key).get(), "the default client uses database 0, the named one database 1");
        assertTrue(redis != second, "different clients");
    }

    @Test
    @RunAsClient
    void connectionsAreNamedAfterTheirClient(@ArquillianResource URL base) {
        Http.getOk(base, "api/redis/ping"); // the default client is in use
        List<String> names = Poll.until("connections named redisee-default and redisee-second in CLIENT LIST",
                Duration.ofSeconds(10), () -> RedisInspect.rediseeClientNames(SharedRedis.url()),
                n -> n.contains("redisee-default") && n.contains("redisee-" + SECOND));
        System.out.println("[ClientIT] CLIENT LIST names: " + names);
    }

    /** Only where the server has a metrics system: tag {@code metrics}. */
    @Test
    @RunAsClient
    @Tag("metrics")
    void metricsShowTheClient(@ArquillianResource URL base) {
        Http.getOk(base, "api/redis/ping");
        var connected = Pattern.compile("(?m)^redisee_client_connected\\{[^}]*client=\"default\"[^}]*\\} 1(\\.0)?$");
        var ping = Pattern.compile("(?m)^redisee_client_ping[a-z_]*\\{[^}]*client=\"default\"[^}]*\\} ");
        var uri = ServerEndpoints.metrics(base);
        String text = Poll.until("redisee_client_connected{client=\"default\"} 1 and redisee_client_ping in " + uri,
                Duration.ofSeconds(15), () -> Http.get(uri).body(),
                body -> connected.matcher(body).find() && ping.matcher(body).find());
        text.lines().filter(l -> l.startsWith("redisee_")).limit(20)
                .forEach(l -> System.out.println("[ClientIT] " + uri + ": " + l));
    }
}
