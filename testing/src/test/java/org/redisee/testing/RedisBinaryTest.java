package org.redisee.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisBinaryTest {

    @AfterEach
    void clearChoice() {
        System.clearProperty(RedisBinary.CHOICE_PROPERTY);
    }

    @Test
    void embeddedBinaryRunsWhenChosen() {
        System.setProperty(RedisBinary.CHOICE_PROPERTY, RedisBinary.EMBEDDED);
        try (RedisStandalone redis = RedisServers.newStandalone(); RedisCommands commands = redis.connect()) {
            Map<String, String> server = commands.info("server");
            assertEquals("7.0.15", server.get("redis_version"));
            assertTrue(server.get("executable").contains("redis-server-7.0.15-"), server.get("executable"));
        }
    }

    @Test
    void missingBinaryFailsWithInstructions() {
        System.setProperty(RedisBinary.CHOICE_PROPERTY, "/nonexistent/redis-server");
        IllegalStateException failure = assertThrows(IllegalStateException.class, RedisServers::newStandalone);
        assertTrue(failure.getMessage().contains("/nonexistent/redis-server"), failure.getMessage());
        assertTrue(failure.getMessage().contains("apt-get install -y redis-server"), failure.getMessage());
        assertTrue(failure.getMessage().contains("REDISEE_TEST_URL"), failure.getMessage());
    }
}
