package org.redisee.session;

import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.inject.Singleton;
import org.redisee.client.ConfigValues;
import org.redisee.client.RedisClients;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The CDI side of sessions: validates {@code redisee.session.*} before deployment, and, when sessions are enabled,
 * registers {@link RedisSessions} (used by the servlet filter) and the injectable {@link SessionRegistry}. The
 * extension calls it; it observes nothing itself.
 */
public final class SessionBeans {

    private SessionSettings settings;
    private Supplier<RedisSessions> factory;
    private RedisSessions sessions;

    /** Reads and validates the settings; returns the client sessions use, when they are enabled. */
    public Optional<String> validate(ConfigValues values) {
        settings = new SessionSettingsReader(values).read();
        return settings.enabled() ? Optional.of(settings.client()) : Optional.empty();
    }

    public void register(AfterBeanDiscovery discovery, Supplier<RedisClients> clients, String keyPrefix,
                         ClassLoader applicationLoader) {
        if (!settings.enabled()) {
            return;
        }
        factory = () -> {
            RedisClients running = clients.get();
            return new RedisSessions(settings, running.client(settings.client()), keyPrefix, running.metrics(),
                    applicationLoader);
        };
        discovery.addBean()
                .id(RedisSessions.class.getName())
                .beanClass(SessionBeans.class)
                .types(RedisSessions.class, Object.class)
                .scope(Singleton.class)
                .createWith(context -> sessions());
        discovery.addBean()
                .id(SessionRegistry.class.getName())
                .beanClass(SessionBeans.class)
                .types(SessionRegistry.class, Object.class)
                .scope(Singleton.class)
                .createWith(context -> sessions().registry());
    }

    private synchronized RedisSessions sessions() {
        if (sessions == null) {
            sessions = factory.get();
        }
        return sessions;
    }

    /** Stops the expiry sweep and the invalidation listener; the clients close after this. */
    public synchronized void stop() {
        if (sessions != null) {
            sessions.close();
            sessions = null;
        }
    }
}
