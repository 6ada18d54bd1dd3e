package org.redisee.event;

import org.redisee.Redis;
import org.redisee.client.ConfigValues;
import org.redisee.client.RedisClientSettingsReader;

import java.util.Set;

/** Reads {@code redisee.topic.<name>.*}. */
public final class TopicSettingsReader {

    static final String PREFIX = RedisClientSettingsReader.PREFIX + "topic.";
    static final Set<String> KEYS = Set.of("after-commit", "ordered", "sharded", "client");

    private final ConfigValues values;

    public TopicSettingsReader(ConfigValues values) {
        this.values = values;
    }

    /** The topics that configuration names; unknown keys are reported as problems. */
    public Set<String> configuredTopics() {
        return values.namedEntries(PREFIX, KEYS, Set.of(), "topic");
    }

    public TopicSettings read(String name) {
        String p = PREFIX + name + ".";
        return new TopicSettings(name, values.bool(p + "after-commit", true), values.bool(p + "ordered", true),
                values.bool(p + "sharded", false), values.string(p + "client", Redis.DEFAULT));
    }
}
