package org.redisee.sample.account;

import java.time.Duration;
import org.redisee.sample.ChatKeys;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Session ids that were logged out: {@code chat:blacklist:<id>}, holding the user's name, for as long as the
 * session could otherwise have lived.
 */
public final class SessionBlacklist {

    private final RedissonClient redis;
    private final ChatKeys keys;

    public SessionBlacklist(RedissonClient redis, ChatKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public void add(String sessionId, String user, Duration ttl) {
        redis.getBucket(keys.blacklist(sessionId), StringCodec.INSTANCE).set(user, ttl);
    }

    public boolean contains(String sessionId) {
        return redis.getBucket(keys.blacklist(sessionId), StringCodec.INSTANCE).isExists();
    }
}
