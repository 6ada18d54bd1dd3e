package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.it.event.EventResource;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.Http;
import org.redisee.it.support.Poll;
import org.redisee.it.support.SharedRedis;
import org.redisson.Redisson;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * CDI events across JVMs in the server: the test JVM stands for another node, with a plain Redisson client on the
 * topic's channel. An event fired in the server reaches it, one it publishes reaches the server's observer, and an
 * event fired in a JTA transaction is published when it commits, never when it rolls back.
 */
@ExtendWith(ArquillianExtension.class)
class EventIT {

    static final String PREFIX = "it-ev-" + UUID.randomUUID().toString().substring(0, 8);
    static final String CHANNEL = PREFIX + ":topic:it-events";
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static RedissonClient otherNode;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.redisApp("events-it", Map.of("redisee.url", SharedRedis.url(), "redisee.key-prefix", PREFIX))
                .addPackage(EventResource.class.getPackage());
    }

    @BeforeAll
    static void subscribe() {
        Config config = new Config();
        config.useSingleServer().setAddress(SharedRedis.url());
        otherNode = Redisson.create(config);
        otherNode.getTopic(CHANNEL, StringCodec.INSTANCE).addListener(String.class, (channel, message) -> RECEIVED.add(message));
    }

    @AfterAll
    static void close() {
        otherNode.shutdown();
    }

    @Test
    void anEventFiredInTheServerReachesAnotherJvm(@ArquillianResource URL base) {
        assertEquals("fired", Http.getOk(base, "api/events/fire/from-the-server"));
        String message = Poll.until("the other JVM receives the event", Duration.ofSeconds(10),
                () -> RECEIVED.stream().filter(m -> m.contains("from-the-server")).findFirst().orElse(null), m -> m != null);
        assertTrue(message.contains("\"type\":\"org.redisee.it.event.EventMessage\""), message);
        assertTrue(message.contains("\"payload\":{\"text\":\"from-the-server\"}"), message);
        assertTrue(Http.getOk(base, "api/events/heard").contains("from-the-server"), "the server's own observer heard it");
    }

    @Test
    void anEventFromAnotherJvmReachesTheServersObservers(@ArquillianResource URL base) {
        RTopic topic = otherNode.getTopic(CHANNEL, StringCodec.INSTANCE);
        topic.publish("{\"origin\":\"test-jvm\",\"seq\":1,\"async\":false,\"type\":\"org.redisee.it.event.EventMessage\","
                + "\"qualifiers\":[],\"payload\":{\"text\":\"from-another-jvm\"}}");
        Poll.until("the server's observer hears the other JVM's event", Duration.ofSeconds(10),
                () -> Http.getOk(base, "api/events/heard"), heard -> heard.contains("from-another-jvm"));
        assertTrue(Http.getOk(base, "api/events/heard").contains("from-another-jvm (java:comp)"),
                "the observer ran in the application's context, where java:comp names resolve");
    }

    @Test
    void anEventFiredInATransactionIsPublishedOnlyWhenItCommits(@ArquillianResource URL base) throws InterruptedException {
        assertEquals("rolled back", Http.getOk(base, "api/events/tx/rolled-back-event/rollback"));
        assertEquals("committed", Http.getOk(base, "api/events/tx/committed-event/commit"));
        Poll.until("the committed event is published", Duration.ofSeconds(10),
                () -> RECEIVED.stream().anyMatch(m -> m.contains("committed-event")), received -> received);
        Thread.sleep(500); // the rolled-back event, if published, would have arrived before the committed one
        assertTrue(RECEIVED.stream().noneMatch(m -> m.contains("rolled-back-event")), "never published: " + RECEIVED);
    }
}
