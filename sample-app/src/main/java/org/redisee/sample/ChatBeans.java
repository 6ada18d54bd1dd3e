package org.redisee.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;
import org.redisee.sample.account.Accounts;
import org.redisee.sample.account.PasswordHasher;
import org.redisee.sample.account.SessionBlacklist;
import org.redisee.sample.cleanup.ChatCleanup;
import org.redisee.sample.presence.Presence;
import org.redisee.sample.room.Rooms;
import org.redisson.api.RedissonClient;

/**
 * Makes the chat's plain Redis classes injectable. They know nothing of CDI, so the tests build them with a plain
 * Redisson client; here they get the client RedisEE manages ({@code redisee.url}).
 */
@ApplicationScoped
public class ChatBeans {

    @Inject
    RedissonClient redis;

    @Produces
    @Singleton
    ChatSettings settings(Config config) {
        return ChatSettings.from(config);
    }

    @Produces
    @Singleton
    Accounts accounts(ChatSettings settings) {
        return new Accounts(redis, settings.keys(), new PasswordHasher());
    }

    @Produces
    @Singleton
    SessionBlacklist blacklist(ChatSettings settings) {
        return new SessionBlacklist(redis, settings.keys());
    }

    @Produces
    @Singleton
    Rooms rooms(ChatSettings settings) {
        return new Rooms(redis, settings.keys(), Clock.systemUTC(), settings.historyLength(), settings.historyTtl());
    }

    @Produces
    @Singleton
    Presence presence(ChatSettings settings) {
        return new Presence(redis, settings.keys(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    ChatCleanup cleanup(Rooms rooms, Presence presence, ChatSettings settings) {
        return new ChatCleanup(rooms, presence, Clock.systemUTC(), settings.roomIdleAfter());
    }
}
