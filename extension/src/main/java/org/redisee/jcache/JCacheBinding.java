package org.redisee.jcache;

import org.eclipse.microprofile.config.Config;
import org.redisee.client.RedisClients;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a deployment gives JCache: its managed clients, its configuration and its CDI beans. The extension binds them
 * to the application's class loader at start, so a cache manager asked for with that class loader (which is what
 * {@code Caching.getCachingProvider()} uses inside the application) runs on the managed client. The binding holds
 * the application's managers, so every provider instance (the one {@code Caching} keeps, the one behind
 * {@code @Inject CacheManager}) gives the same manager for a URI. Unbinding at undeploy closes them, which
 * unregisters their MXBeans.
 */
public final class JCacheBinding {

    private static final Map<ClassLoader, JCacheBinding> BINDINGS = new ConcurrentHashMap<>();

    private final RedisClients clients;
    private final Config config;
    private final Function<String, Object> beanByName;
    /** The application's managers by URI: every provider instance hands out these, so there is one per URI. */
    private final Map<URI, RedisCacheManager> managers = new ConcurrentHashMap<>();

    private JCacheBinding(RedisClients clients, Config config, Function<String, Object> beanByName) {
        this.clients = clients;
        this.config = config;
        this.beanByName = beanByName;
    }

    public static JCacheBinding bind(ClassLoader application, RedisClients clients, Config config,
                                     Function<String, Object> beanByName) {
        JCacheBinding binding = new JCacheBinding(clients, config, beanByName);
        BINDINGS.put(application, binding);
        return binding;
    }

    /** The binding of {@code classLoader} or of the nearest parent that has one. */
    static JCacheBinding find(ClassLoader classLoader) {
        for (ClassLoader loader = classLoader; loader != null; loader = loader.getParent()) {
            JCacheBinding binding = BINDINGS.get(loader);
            if (binding != null) {
                return binding;
            }
        }
        return null;
    }

    /** Closes the managers made under this binding and forgets it. */
    public void unbind() {
        BINDINGS.values().remove(this);
        List.copyOf(managers.values()).forEach(RedisCacheManager::close);
        managers.clear();
    }

    RedisClients clients() {
        return clients;
    }

    Config config() {
        return config;
    }

    Function<String, Object> beanByName() {
        return beanByName;
    }

    /** The application's manager for {@code uri}, opened by {@code open} the first time. */
    RedisCacheManager manager(URI uri, Function<URI, RedisCacheManager> open) {
        return managers.computeIfAbsent(uri, open);
    }

    void forget(RedisCacheManager manager) {
        managers.remove(manager.getURI(), manager);
    }
}
