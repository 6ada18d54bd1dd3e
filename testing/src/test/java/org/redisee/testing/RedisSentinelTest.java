package org.redisee.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

@WithRedis
class RedisSentinelTest {

    @Test
    void everySentinelReportsTheMaster(RedisSentinel sentinel) {
        assertEquals("mymaster", sentinel.masterName());
        assertEquals(3, sentinel.sentinelUrls().size());
        for (String url : sentinel.sentinelUrls()) {
            try (RedisCommands commands = RedisCommands.connect(url)) {
                assertEquals(List.of("127.0.0.1", Integer.toString(sentinel.master().port())),
                        commands.execute("SENTINEL", "GET-MASTER-ADDR-BY-NAME", sentinel.masterName()));
            }
        }
    }

    @Test
    void replicaFollowsTheMaster(RedisSentinel sentinel) {
        try (RedisCommands master = sentinel.master().connect(); RedisCommands replica = sentinel.replica().connect()) {
            master.call("SET", "sentinel-test:key", "v");
            master.call("WAIT", "1", "2000");
            assertEquals("v", replica.call("GET", "sentinel-test:key"));
            assertEquals("slave", replica.info("replication").get("role"));
        }
    }
}
