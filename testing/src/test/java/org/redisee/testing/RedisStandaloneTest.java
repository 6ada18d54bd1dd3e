package org.redisee.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@WithRedis
class RedisStandaloneTest {

    private static RedisStandalone privateServerOfFirstTest;

    @Test
    void sharedServerIsTheSameInstanceEverywhere(RedisStandalone redis) {
        assertTrue(redis == RedisServers.standalone());
        try (RedisCommands commands = redis.connect()) {
            commands.call("SET", "standalone-test:shared", "v", "EX", "100");
            assertEquals("v", commands.call("GET", "standalone-test:shared"));
            assertTrue(commands.callLong("TTL", "standalone-test:shared") > 90);
        }
    }

    @Test
    void privateServerStopsAndRestartsOnTheSamePort(@PrivateServer RedisStandalone redis) {
        privateServerOfFirstTest = redis;
        int port = redis.port();
        assertEquals("redis://127.0.0.1:" + port, redis.url());

        redis.stop();
        assertFalse(redis.isRunning());
        assertThrows(UncheckedIOException.class, redis::connect);

        redis.start();
        assertTrue(redis.isRunning());
        assertEquals(port, redis.port());
        try (RedisCommands commands = redis.connect()) {
            assertEquals("PONG", commands.call("PING"));
            assertNull(commands.call("GET", "anything"), "no data survives: persistence is off");
        }
    }

    @Test
    void killedPrivateServerRestarts(@PrivateServer RedisStandalone redis) {
        redis.kill();
        assertFalse(redis.isRunning());
        redis.start();
        try (RedisCommands commands = redis.connect()) {
            assertEquals("PONG", commands.call("PING"));
        }
    }

    @Test
    void extraArgumentsOverrideTheDefaultsAndAofKeepsDataAcrossStopAndKill(
            @PrivateServer(arguments = {"--appendonly", "yes"}) RedisStandalone redis) {
        try (RedisCommands commands = redis.connect()) {
            assertEquals(List.of("appendonly", "yes"), commands.execute("CONFIG", "GET", "appendonly"));
            commands.call("SET", "kept", "across restarts");
        }
        redis.stop();
        redis.start();
        try (RedisCommands commands = redis.connect()) {
            assertEquals("across restarts", commands.call("GET", "kept"), "the AOF was written at shutdown");
            commands.call("SET", "kept", "across a crash");
        }
        redis.kill();
        redis.start();
        try (RedisCommands commands = redis.connect()) {
            assertEquals("across a crash", commands.call("GET", "kept"), "the AOF was in the page cache");
        }
    }

    @Test
    void chosenPortIsUsedAndATakenOneFailsClearly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> RedisServers.newStandalone(taken.getLocalPort()));
            assertTrue(failure.getMessage().contains("Address already in use"), failure.getMessage());
        }
        int port = FreePorts.pick();
        try (RedisStandalone redis = RedisServers.newStandalone(port)) {
            assertEquals(port, redis.port());
            assertTrue(redis.isRunning());
        }
    }

    @AfterAll
    static void extensionClosedThePrivateServer() {
        assertFalse(privateServerOfFirstTest.isRunning());
    }
}
