package org.redisee.jcache;

import org.eclipse.microprofile.config.Config;
import org.redisee.client.RedisClients;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * What a deployment gives JCache: its managed clients, its configuration and its CDI beans. The extension binds them
 * to the application's class loader at start, so a cache manager asked for with that class loader (which is what
 * {@code Caching.getCachingProvider()} uses inside the application) runs on the managed client. Unbinding at
 * undeploy closes the managers created under the binding, which unregisters their MXBeans.
 */
public final class JCacheBinding {

    private static final Map<ClassLoader, JCacheBinding> BINDINGS = new ConcurrentHashMap<>();

    private final RedisClients clients;
    private final Config config;
    private final Function<String, Object> beanByName;
    private final List<RedisCacheManager> managers = new CopyOnWriteArrayList<>();

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
        managers.forEach(RedisCacheManager::close);
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

    void adopt(RedisCacheManager manager) {
        managers.add(manager);
    }

    void forget(RedisCacheManager manager) {
        managers.remove(manager);
    }
}
