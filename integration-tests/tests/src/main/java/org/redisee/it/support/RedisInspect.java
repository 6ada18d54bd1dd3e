package org.redisee.it.support;

import java.util.ArrayList;
import java.util.List;

import org.redisee.testing.RedisCommands;

/** Looks at a Redis server directly from the test JVM (not through the application). */
public final class RedisInspect {

    private RedisInspect() {
    }

    /** The names of the connections that {@code CLIENT LIST} shows, without empty names (our own connection). */
    public static List<String> clientNames(String redisUrl) {
        try (RedisCommands redis = RedisCommands.connect(redisUrl)) {
            String list = redis.call("CLIENT", "LIST");
            List<String> names = new ArrayList<>();
            for (String line : list.split("\n")) {
                for (String field : line.trim().split(" ")) {
                    if (field.startsWith("name=") && field.length() > "name=".length()) {
                        names.add(field.substring("name=".length()));
                    }
                }
            }
            return names;
        }
    }

    /** The connection names that start with {@code redisee-}. */
    public static List<String> rediseeClientNames(String redisUrl) {
        return clientNames(redisUrl).stream().filter(n -> n.startsWith("redisee-")).toList();
    }
}
