package org.redisee.event;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.TestContainer;
import org.redisee.testing.RedisCluster;
import org.redisee.testing.PrivateServer;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CDI events across two "nodes" (two containers, each with its own class loader) through a real Redis. */
@ExtendWith(RedisServerExtension.class)
class RedisTopicBridgeTest {

    private String prefix;

    @BeforeEach
    void freshPrefix() {
        prefix = "ev" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TestContainer node(RedisStandalone redis) {
        return TestContainer.start(Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix,
                "redisee.metrics.backend", "none"), ChatNode.class);
    }

    @Test
    void anEventIsObservedOnceOnEveryNodeAndQualifiersTravelWithIt(RedisStandalone redis) throws Exception {
        try (TestContainer a = node(redis); TestContainer b = node(redis)) {
            ChatNode nodeA = a.select(ChatNode.class);
            ChatNode nodeB = b.select(ChatNode.class);
            nodeA.chat.fire(new ChatMessage("lobby", "hello", 1));
            assertEquals(List.of("chat hello"), nodeA.heard, "the firing node's observers ran, synchronously");
            awaitTrue(() -> nodeB.heard.contains("chat hello"), "B hears A's event");

            nodeA.chat.select(new Urgent.Literal(2)).fire(new ChatMessage("lobby", "fire!", 2));
            awaitTrue(() -> nodeB.heard.contains("urgent2 fire!"), "B's @Urgent(level = 2) observer");
            Thread.sleep(300); // time for an echo, or a wrong observer, to show
            // observers of one event run in no set order
            assertEquals(List.of("chat fire!", "chat hello", "urgent2 fire!"), nodeB.heard.stream().sorted().toList(),
                    "each observer once, and the @Urgent(level = 3) observer not at all");
            assertEquals(List.of("chat fire!", "chat hello", "urgent2 fire!"), nodeA.heard.stream().sorted().toList(),
                    "no echo on A");
        }
    }

    @Test
    void asyncEventsCrossToo(RedisStandalone redis) {
        try (TestContainer a = node(redis); TestContainer b = node(redis)) {
            ChatNode nodeA = a.select(ChatNode.class);
            ChatNode nodeB = b.select(ChatNode.class);
            nodeA.chat.fireAsync(new ChatMessage("lobby", "later", 1)).toCompletableFuture().join();
            awaitTrue(() -> nodeB.heard.contains("async later"), "B's async observer hears A's fireAsync: " + nodeB.heard);
            assertEquals(List.of("async later"), nodeB.heard, "as on A, fireAsync reaches only async observers");
            assertEquals(List.of("async later"), nodeA.heard, "A's own async observer ran once");
        }
    }

    @Test
    void aPatternObserverHearsEveryTopicItMatches(RedisStandalone redis) {
        try (TestContainer a = node(redis); TestContainer b = node(redis)) {
            ChatNode nodeA = a.select(ChatNode.class);
            ChatNode nodeB = b.select(ChatNode.class);
            nodeA.lobby.fire(new ChatMessage("lobby", "hi", 1));
            nodeA.kitchen.fire(new ChatMessage("kitchen", "hi", 2));
            awaitTrue(() -> nodeB.heard.size() == 2, "B's pattern observer: " + nodeB.heard);
            assertEquals(List.of("rooms lobby", "rooms kitchen"), nodeB.heard);
        }
    }

    @Test
    void eventsArriveInTheOrderTheyWereFired(RedisStandalone redis) {
        try (TestContainer a = node(redis); TestContainer b = node(redis)) {
            ChatNode nodeA = a.select(ChatNode.class);
            ChatNode nodeB = b.select(ChatNode.class);
            int count = 2000;
            for (int i = 1; i <= count; i++) {
                nodeA.chat.fire(new ChatMessage("lobby", "n", i));
            }
            awaitTrue(() -> nodeB.numbers.size() >= count, "B got " + nodeB.numbers.size() + " of " + count);
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= count; i++) {
                expected.add(i);
            }
            assertEquals(expected, nodeB.numbers, "all of them, in order");
        }
    }

    @Test
    void unconfirmedPublishingKeepsEachThreadsOrderAndLosesNothing(RedisStandalone redis) throws Exception {
        Map<String, String> config = Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix,
                "redisee.metrics.backend", "none", "redisee.topic.chat.confirm", "false");
        try (TestContainer a = TestContainer.start(config, ChatNode.class); TestContainer b = TestContainer.start(config, ChatNode.class)) {
            ChatNode nodeA = a.select(ChatNode.class);
            ChatNode nodeB = b.select(ChatNode.class);
            int threads = 4;
            int perThread = 2500;
            List<Thread> publishers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String publisher = "p" + t;
                Thread thread = new Thread(() -> {
                    for (int i = 1; i <= perThread; i++) {
                        nodeA.chat.fire(new ChatMessage("lobby", publisher, i));
                    }
                });
                thread.start();
                publishers.add(thread);
            }
            for (Thread publisher : publishers) {
                publisher.join();
            }
            awaitTrue(() -> nodeB.numbers.size() >= threads * perThread, "B got " + nodeB.numbers.size());
            Map<String, List<Long>> perPublisher = new java.util.TreeMap<>();
            for (int i = 0; i < nodeB.numbers.size(); i++) {
                perPublisher.computeIfAbsent(nodeB.heard.get(i), p -> new ArrayList<>()).add(nodeB.numbers.get(i));
            }
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= perThread; i++) {
                expected.add(i);
            }
            assertEquals(threads, perPublisher.size());
            perPublisher.forEach((publisher, numbers) -> assertEquals(expected, numbers, publisher + ": all, in order"));
        }
    }

    @Test
    void aConfirmedEventThatRedisDoesNotTakeFailsTheFireAndIsCounted(@PrivateServer RedisStandalone redis) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try (TestContainer a = TestContainer.start(Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix,
                "redisee.timeout", "300ms", "redisee.retry-attempts", "0"), ChatNode.class)) {
            ChatNode nodeA = a.select(ChatNode.class);
            nodeA.chat.fire(new ChatMessage("lobby", "before", 1));
            redis.stop();
            RuntimeException thrown = assertThrows(RuntimeException.class,
                    () -> nodeA.chat.fire(new ChatMessage("lobby", "while Redis is away", 2)));
            // Weld hands a synthetic observer's exception on inside an ObserverException
            Throwable failure = thrown instanceof EventNotPublishedException ? thrown : thrown.getCause();
            assertTrue(failure instanceof EventNotPublishedException && failure.getMessage().startsWith("Topic chat: "),
                    String.valueOf(failure));
            assertEquals(List.of("chat before", "chat while Redis is away"), nodeA.heard, "the local observers ran");
            assertEquals(1.0, registry.get("redisee.topic.published").tag("topic", "chat").counter().count(),
                    () -> "published counters: " + registry.find("redisee.topic.published").counters().stream()
                            .map(c -> c.getId() + "=" + c.count()).toList());
            assertEquals(1.0, registry.get("redisee.topic.unsent").tag("topic", "chat").counter().count());
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void aReceivedEventFiredOnAnotherTopicIsPublishedThereButNotEchoed(RedisStandalone redis) throws Exception {
        Map<String, String> config = Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix, "redisee.metrics.backend", "none");
        try (TestContainer a = TestContainer.start(config, ChatNode.class, RelayNode.class);
             TestContainer b = TestContainer.start(config, ChatNode.class, RelayNode.class)) {
            b.select(RelayNode.class).forwarding = true;
            a.select(ChatNode.class).chat.fire(new ChatMessage("lobby", "pass it on", 1));
            RelayNode relayA = a.select(RelayNode.class);
            awaitTrue(() -> relayA.relayed.contains("pass it on"), "A hears what B forwarded on another topic");
            Thread.sleep(300); // time for an echo to show
            assertEquals(List.of("pass it on"), relayA.relayed);
            assertEquals(List.of("chat pass it on"), a.select(ChatNode.class).heard, "B did not send the chat event back");
        }
    }

    @Test
    void aMalformedOrUnobservedMessageIsSkippedAndTheListenerGoesOn(RedisStandalone redis) {
        try (TestContainer a = node(redis); TestContainer b = node(redis);
             RedisCommands commands = redis.connect()) {
            ChatNode nodeB = b.select(ChatNode.class);
            String channel = prefix + ":topic:chat";
            commands.call("PUBLISH", channel, "not json at all");
            commands.call("PUBLISH", channel, "{\"origin\":\"x\",\"seq\":1,\"type\":\"java.lang.ProcessBuilder\","
                    + "\"qualifiers\":[],\"payload\":{\"command\":[\"rm\",\"-rf\",\"/\"]}}");
            commands.call("PUBLISH", channel, "{\"origin\":\"x\",\"seq\":2,\"type\":\"org.redisee.event.ChatMessage\","
                    + "\"qualifiers\":[{\"type\":\"java.lang.Deprecated\",\"members\":{}}],\"payload\":{\"text\":\"forged qualifier\"}}");
            a.select(ChatNode.class).chat.fire(new ChatMessage("lobby", "still here", 1));
            awaitTrue(() -> nodeB.heard.contains("chat still here"), "B's listener goes on: " + nodeB.heard);
            assertEquals(List.of("chat still here"), nodeB.heard, "nothing from the bad messages");
        }
    }

    @Test
    void hugeAndDeeplyNestedMessagesAreSkippedCountedAndTheListenerGoesOn(RedisStandalone redis) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        Map<String, String> config = Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix);
        try (TestContainer a = node(redis); TestContainer b = TestContainer.start(config, ChatNode.class);
             RedisCommands commands = redis.connect()) {
            ChatNode nodeB = b.select(ChatNode.class);
            String channel = prefix + ":topic:chat";
            String tenMegabytes = "x".repeat(10 * 1024 * 1024);
            String head = "{\"origin\":\"x\",\"seq\":1,\"qualifiers\":[],";
            List<String> hostile = List.of(
                    tenMegabytes,                                                                        // not JSON
                    head + "\"type\":\"com.acme.Unobserved\",\"payload\":\"" + tenMegabytes + "\"}",        // a type nobody observes
                    head + "\"type\":\"org.redisee.event.ChatMessage\",\"payload\":[" + "1,".repeat(5 * 1024 * 1024) + "1]}", // wrong shape
                    head + "\"type\":\"org.redisee.event.ChatMessage\",\"payload\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}",
                    head + "\"type\":\"org.redisee.event.ChatMessage\",\"payload\":{\"text\":" + "{\"a\":".repeat(100_000) + "1"
                            + "}".repeat(100_000) + "}}",
                    "[".repeat(1_000_000),
                    // within the JSON-P reader's own limit (1,000), into a field JSON-B reads recursively
                    head + "\"type\":\"org.redisee.event.ChatMessage\",\"payload\":{\"meta\":" + "[".repeat(990) + "]".repeat(990) + "}}");
            long started = System.nanoTime();
            for (String message : hostile) {
                commands.call("PUBLISH", channel, message);
            }
            a.select(ChatNode.class).chat.fire(new ChatMessage("lobby", "still here", 1));
            awaitTrue(() -> nodeB.heard.contains("chat still here"), "B's listener goes on: " + nodeB.heard);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(List.of("chat still here"), nodeB.heard, "nothing from the hostile messages");
            assertEquals(hostile.size(), registry.get("redisee.topic.failed").tag("topic", "chat").counter().count(), 0.0,
                    "each skipped message counted");
            System.out.println("[events] " + hostile.size() + " hostile messages (up to " + tenMegabytes.length() / 1024 / 1024
                    + " MB, nested up to 200,000 deep) skipped and counted; the next event arrived " + millis + " ms after the first was sent");

            // and a large event that is valid is delivered: there is no size limit of RedisEE's own
            a.select(ChatNode.class).chat.fire(new ChatMessage("lobby", "x".repeat(1024 * 1024), 2));
            awaitTrue(() -> nodeB.numbers.contains(2L), "a valid 1 MB event arrives");
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void aReliableTopicSkipsAndAcknowledgesHostileEntriesAndGoesOn(RedisStandalone redis) {
        Map<String, String> reliable = Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix,
                "redisee.metrics.backend", "none", "redisee.topic.chat.reliable", "true");
        Map<String, String> nodeA = new java.util.HashMap<>(reliable);
        nodeA.put("redisee.node-id", "node-a");
        Map<String, String> nodeB = new java.util.HashMap<>(reliable);
        nodeB.put("redisee.node-id", "node-b");
        try (TestContainer a = TestContainer.start(nodeA, ChatNode.class); TestContainer b = TestContainer.start(nodeB, ChatNode.class);
             RedisCommands commands = redis.connect()) {
            String stream = prefix + ":topic:chat:stream";
            commands.call("XADD", stream, "*", "event", "not json");
            commands.call("XADD", stream, "*", "event", "{\"origin\":\"x\",\"seq\":1,\"type\":\"org.redisee.event.ChatMessage\","
                    + "\"qualifiers\":[],\"payload\":{\"meta\":" + "[".repeat(990) + "]".repeat(990) + "}}");
            commands.call("XADD", stream, "*", "other-field", "no event field at all");
            commands.call("XADD", stream, "*", "event", "x".repeat(10 * 1024 * 1024));
            a.select(ChatNode.class).chat.fire(new ChatMessage("lobby", "after the hostile entries", 7));
            ChatNode receiver = b.select(ChatNode.class);
            awaitTrue(() -> receiver.heard.contains("chat after the hostile entries"), "B's reader goes on: " + receiver.heard);
            assertEquals(List.of("chat after the hostile entries"), receiver.heard);
            awaitTrue(() -> ((List<?>) commands.execute("XPENDING", stream, "node-b")).get(0).equals(0L),
                    "every entry acknowledged, the hostile ones too: none is delivered again after a restart");
        }
    }

    @Test
    void undeployRemovesTheSubscriptions(RedisStandalone redis) {
        try (RedisCommands commands = redis.connect()) {
            String channel = prefix + ":topic:chat";
            try (TestContainer b = node(redis)) {
                assertEquals(List.of(channel, 1L), commands.execute("PUBSUB", "NUMSUB", channel));
            }
            awaitTrue(() -> List.of(channel, 0L).equals(commands.execute("PUBSUB", "NUMSUB", channel)),
                    "no subscriber left after undeploy");
        }
    }

    @Test
    void aReliableTopicCatchesUpAfterTheSubscriberWasAwayWithoutDuplicates(RedisStandalone redis) throws Exception {
        Map<String, String> reliable = Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix,
                "redisee.metrics.backend", "none", "redisee.topic.chat.reliable", "true", "redisee.topic.chat.retention", "PT10M");
        Map<String, String> nodeB = new java.util.HashMap<>(reliable);
        nodeB.put("redisee.node-id", "node-b");
        Map<String, String> nodeA = new java.util.HashMap<>(reliable);
        nodeA.put("redisee.node-id", "node-a");
        try (TestContainer a = TestContainer.start(nodeA, ChatNode.class)) {
            TestContainer.start(nodeB, ChatNode.class).close(); // B has been here once, then went away
            ChatNode publisher = a.select(ChatNode.class);
            for (int i = 1; i <= 1000; i++) {
                publisher.chat.fire(new ChatMessage("lobby", "while B was away", i));
            }
            try (TestContainer b = TestContainer.start(nodeB, ChatNode.class)) {
                ChatNode back = b.select(ChatNode.class);
                awaitTrue(() -> back.numbers.size() >= 1000, "B caught up: " + back.numbers.size() + " of 1000");
                Thread.sleep(500); // time for a duplicate to show
                List<Long> expected = new ArrayList<>();
                for (long i = 1; i <= 1000; i++) {
                    expected.add(i);
                }
                assertEquals(expected, back.numbers, "exactly the 1,000, in order, once each");
                publisher.chat.fire(new ChatMessage("lobby", "live", 1001));
                awaitTrue(() -> back.numbers.size() == 1001, "and then live events");
            }
            assertEquals(1000, publisher.numbers.size() - 1, "A's own observers ran once per event, not again from the stream");
        }
    }

    @Test
    void aReliableTopicMeasuresHowLateEventsArrive(RedisStandalone redis) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        Map<String, String> reliable = Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix,
                "redisee.topic.chat.reliable", "true", "redisee.node-id", "late-node");
        Map<String, String> publisherConfig = new java.util.HashMap<>(reliable);
        publisherConfig.put("redisee.metrics.backend", "none");
        publisherConfig.put("redisee.node-id", "publisher-node");
        try (TestContainer a = TestContainer.start(publisherConfig, ChatNode.class)) {
            TestContainer.start(reliable, ChatNode.class).close();
            for (int i = 1; i <= 20; i++) {
                a.select(ChatNode.class).chat.fire(new ChatMessage("lobby", "while away", i));
            }
            Thread.sleep(400);
            try (TestContainer b = TestContainer.start(reliable, ChatNode.class)) {
                awaitTrue(() -> b.select(ChatNode.class).numbers.size() == 20, "B caught up");
                io.micrometer.core.instrument.Timer lag = registry.get("redisee.topic.lag").tag("topic", "chat").timer();
                assertEquals(20, lag.count());
                assertTrue(lag.max(java.util.concurrent.TimeUnit.MILLISECONDS) >= 400, "B was away 400 ms: " + lag.max(java.util.concurrent.TimeUnit.MILLISECONDS));
                assertEquals(20.0, registry.get("redisee.topic.received").tag("topic", "chat").counter().count());
            }
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void aReliableTopicsStreamIsTrimmedToItsRetention(RedisStandalone redis) throws Exception {
        try (TestContainer a = TestContainer.start(Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix,
                "redisee.metrics.backend", "none", "redisee.topic.chat.reliable", "true", "redisee.topic.chat.retention", "1s"),
                ChatNode.class);
             RedisCommands commands = redis.connect()) {
            ChatNode publisher = a.select(ChatNode.class);
            for (int i = 0; i < 50; i++) {
                publisher.chat.fire(new ChatMessage("lobby", "old", i));
            }
            Thread.sleep(1500);
            publisher.chat.fire(new ChatMessage("lobby", "new", 50));
            long length = commands.callLong("XLEN", prefix + ":topic:chat:stream");
            assertTrue(length < 50, "entries older than the retention are trimmed: " + length + " left");
        }
    }

    @Test
    void onASixNodeClusterShardedPubSubCarriesEventsInOrder(RedisCluster cluster) {
        Map<String, String> config = Map.of("redisee.cluster.nodes", String.join(",", cluster.nodeUrls()),
                "redisee.key-prefix", prefix, "redisee.metrics.backend", "none", "redisee.topic.chat.sharded", "true");
        try (TestContainer a = TestContainer.start(config, ChatNode.class); TestContainer b = TestContainer.start(config, ChatNode.class)) {
            ChatNode nodeA = a.select(ChatNode.class);
            ChatNode nodeB = b.select(ChatNode.class);
            for (int i = 1; i <= 200; i++) {
                nodeA.chat.fire(new ChatMessage("lobby", "sharded", i));
            }
            awaitTrue(() -> nodeB.numbers.size() >= 200, "B got " + nodeB.numbers.size() + " of 200 over SPUBLISH");
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= 200; i++) {
                expected.add(i);
            }
            assertEquals(expected, nodeB.numbers, "all of them, in order");
            long subscribers = 0;
            for (org.redisee.testing.RedisNode node : cluster.nodes()) {
                try (RedisCommands commands = node.connect()) {
                    List<?> reply = (List<?>) commands.execute("PUBSUB", "SHARDNUMSUB", prefix + ":topic:chat");
                    subscribers += (Long) reply.get(1);
                }
            }
            assertTrue(subscribers >= 2, "both nodes hold sharded subscriptions (SSUBSCRIBE): " + subscribers);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                assertTrue(condition.getAsBoolean(), what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
