package org.redisee.cache;

import org.redisee.Redis;
import org.redisee.client.ConfigValues;
import org.redisee.client.RedisClientSettingsReader;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code redisee.cache.<name>.*}. Cache names may contain dots; the key is recognised by its known suffix. */
public final class CacheSettingsReader {

    static final String PREFIX = RedisClientSettingsReader.PREFIX + "cache.";
    static final List<String> KEYS = List.of("near-cache.max-size", "near-cache.ttl", "near-cache", "lock-on-miss",
            "lock-timeout", "fail-open", "cache-null", "max-idle", "client", "ttl");

    private final ConfigValues values;

    public CacheSettingsReader(ConfigValues values) {
        this.values = values;
    }

    /** The caches that configuration names; a key with an unknown suffix is reported as a problem. */
    public Set<String> configuredCaches() {
        return values.namedEntries(PREFIX, KEYS, Set.of(), "cache");
    }

    public CacheSettings read(String name) {
        String p = PREFIX + name + ".";
        Duration ttl = values.duration(p + "ttl", Duration.ofMinutes(10));
        Optional<CacheSettings.NearCacheSettings> nearCache = values.bool(p + "near-cache", false)
                ? Optional.of(new CacheSettings.NearCacheSettings(
                        values.integer(p + "near-cache.max-size", 10_000, 1, 10_000_000),
                        values.duration(p + "near-cache.ttl", Duration.ofMinutes(1))))
                : Optional.empty();
        if (nearCache.isEmpty()) {
            for (String nearKey : List.of("near-cache.max-size", "near-cache.ttl")) {
                if (values.string(p + nearKey).isPresent()) {
                    values.problem(p + nearKey + " is set but " + p + "near-cache is not true: set " + p + "near-cache=true to use a near cache");
                }
            }
        }
        return new CacheSettings(name, ttl,
                values.string(p + "max-idle").isPresent() ? Optional.of(values.duration(p + "max-idle", ttl)) : Optional.empty(),
                nearCache,
                values.bool(p + "lock-on-miss", true),
                values.duration(p + "lock-timeout", Duration.ofSeconds(10)),
                values.bool(p + "fail-open", true),
                values.string(p + "client", Redis.DEFAULT),
                values.bool(p + "cache-null", false));
    }

    /** The global key prefix, {@code redisee.key-prefix}, so several applications can share one Redis. */
    public String keyPrefix() {
        String prefix = values.string(RedisClientSettingsReader.PREFIX + "key-prefix", "redisee");
        if (prefix.contains("{") || prefix.contains("}") || prefix.chars().anyMatch(Character::isWhitespace)) {
            values.problem(RedisClientSettingsReader.PREFIX + "key-prefix", prefix, "a prefix without spaces or braces");
        }
        return prefix;
    }
}
