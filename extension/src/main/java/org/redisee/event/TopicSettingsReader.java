package org.redisee.event;

import org.redisee.Redis;
import org.redisee.client.ConfigValues;
import org.redisee.client.RedisClientSettingsReader;

import java.util.Set;

/** Reads {@code redisee.topic.<name>.*}. */
public final class TopicSettingsReader {

    static final String PREFIX = RedisClientSettingsReader.PREFIX + "topic.";
    static final Set<String> KEYS = Set.of("after-commit", "ordered", "sharded", "client", "reliable", "retention", "confirm");

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
        TopicSettings defaults = TopicSettings.defaults(name);
        TopicSettings topic = new TopicSettings(name, values.bool(p + "after-commit", defaults.afterCommit()),
                values.bool(p + "ordered", defaults.ordered()), values.bool(p + "sharded", defaults.sharded()),
                values.string(p + "client", Redis.DEFAULT), values.bool(p + "reliable", defaults.reliable()),
                values.duration(p + "retention", defaults.retention()), values.bool(p + "confirm", defaults.confirm()));
        if (topic.reliable() && (topic.sharded() || RedisTopicBridge.isPattern(name))) {
            values.problem(p + "reliable=true: a reliable topic is one stream, so it cannot be sharded or a pattern");
        }
        return topic;
    }
}
