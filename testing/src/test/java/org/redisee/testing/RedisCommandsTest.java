package org.redisee.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithRedis
class RedisCommandsTest {

    @Test
    void mapsEveryRespType(RedisStandalone redis) {
        try (RedisCommands commands = redis.connect()) {
            assertEquals("OK", commands.call("SET", "commands-test:text", "grüße\r\n"));
            assertEquals("grüße\r\n", commands.call("GET", "commands-test:text"));
            assertNull(commands.call("GET", "commands-test:missing"));
            assertEquals(2L, commands.callLong("RPUSH", "commands-test:list", "a", "b"));
            assertEquals(List.of("a", "b"), commands.execute("LRANGE", "commands-test:list", "0", "-1"));
            assertEquals("7", commands.info("server").get("redis_version").substring(0, 1));
        }
    }

    @Test
    void errorsAreThrownAtTopLevelAndReturnedInsideArrays(RedisStandalone redis) {
        try (RedisCommands commands = redis.connect()) {
            RedisReplyException unknown = assertThrows(RedisReplyException.class, () -> commands.call("NO-SUCH-COMMAND"));
            assertEquals("ERR", unknown.prefix());

            commands.call("SET", "commands-test:string", "x");
            commands.call("MULTI");
            commands.call("INCR", "commands-test:string");
            commands.call("PING");
            List<?> results = (List<?>) commands.execute("EXEC");
            assertInstanceOf(RedisReplyException.class, results.get(0));
            assertEquals("PONG", results.get(1));
            assertEquals("PONG", commands.call("PING"), "the connection is still in step after the nested error");
        }
    }

    @Test
    void urlWithUserPasswordAndDatabase(RedisStandalone redis) {
        try (RedisCommands admin = redis.connect()) {
            admin.call("ACL", "SETUSER", "commands-test-user", "on", ">s3cr:t", "~*", "+@all");
        }
        String url = "redis://commands-test-user:s3cr%3At@" + redis.host() + ":" + redis.port() + "/3";
        try (RedisCommands commands = RedisCommands.connect(url)) {
            assertEquals("commands-test-user", commands.call("ACL", "WHOAMI"));
            assertTrue(commands.call("CLIENT", "INFO").contains(" db=3 "));
        }
    }

    @Test
    void readTimeoutCanBeRaisedForDebugSleep(@PrivateServer RedisStandalone redis) {
        try (RedisCommands commands = redis.connect().withReadTimeout(Duration.ofMillis(100))) {
            assertThrows(java.io.UncheckedIOException.class, () -> commands.call("DEBUG", "SLEEP", "0.3"));
        }
        try (RedisCommands commands = redis.connect().withReadTimeout(Duration.ofSeconds(2))) {
            assertEquals("OK", commands.call("DEBUG", "SLEEP", "0.3"));
        }
    }
}
