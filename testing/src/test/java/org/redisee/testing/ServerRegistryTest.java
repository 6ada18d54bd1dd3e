package org.redisee.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerRegistryTest {

    @Test
    void killsServersLeftBehindByAJvmThatDied() throws Exception {
        Process deadJvm = new ProcessBuilder("true").start();
        deadJvm.waitFor();
        Files.createDirectories(ServerRegistry.ROOT);
        Path runDir = Files.createTempDirectory(ServerRegistry.ROOT, "jvm-" + deadJvm.pid() + "-");
        Files.writeString(runDir.resolve("owner"), deadJvm.pid() + " 2000-01-01T00:00:00Z");
        Path serverDir = Files.createDirectory(runDir.resolve("standalone-orphan"));
        int port = FreePorts.pick();
        List<String> command = new ArrayList<>(List.of(RedisBinary.get().path.toString()));
        command.addAll(RedisProcess.dataNodeArguments(port, serverDir));
        Process orphan = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(serverDir.resolve("redis.log").toFile()).start();
        try {
            Files.writeString(serverDir.resolve(ServerRegistry.PID_FILE), Long.toString(orphan.pid()));
            Await.until(java.time.Duration.ofSeconds(10), "the orphan to start", () -> {
                try (RedisCommands commands = RedisCommands.connect("127.0.0.1", port)) {
                    return "PONG".equals(commands.call("PING"));
                }
            });

            ServerRegistry.reapOrphans();

            assertTrue(orphan.waitFor(5, TimeUnit.SECONDS), "the orphaned redis-server was killed");
            assertFalse(Files.exists(runDir), "the dead JVM's run directory was deleted");
        } finally {
            orphan.destroyForcibly();
        }
    }
}
