package org.redisee.jcache;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.redisee.client.ConfigValues;
import org.redisee.client.ManagedRedisClient;
import org.redisee.client.PropertiesConfig;
import org.redisee.client.RedisClientSettings;
import org.redisee.client.RedisClientSettingsReader;
import org.redisee.client.RedisConfigException;
import org.redisee.client.RedissonConfigFactory;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * RedisEE's JCache provider ({@code org.redisee.jcache.RedisCachingProvider}).
 *
 * <p>Which Redis a cache manager uses:
 * <ul>
 *   <li>inside a deployment with RedisEE's extension, the client the extension manages: the one
 *       {@code redisee.jcache.client} names (default {@code default}) for the default URI {@code redisee:default},
 *       or {@code <client>} for {@code redisee:<client>};</li>
 *   <li>elsewhere, a client of the manager's own, configured by the same {@code redisee.*} keys: the manager's
 *       properties over MicroProfile Config when an implementation is present, else over the system properties; a
 *       {@code redis://} or {@code rediss://} URI gives the address directly.</li>
 * </ul>
 * Outside a deployment, each provider instance keeps one manager per class loader and URI, as JSR-107 asks. Inside
 * one, the deployment's {@link JCacheBinding} keeps them, so {@code @Inject CacheManager} and the application's own
 * {@code Caching} lookups get the same manager.
 */
public final class RedisCachingProvider implements CachingProvider {

    public static final URI DEFAULT_URI = URI.create("redisee:default");

    private final Map<ClassLoader, Map<URI, RedisCacheManager>> managers = new HashMap<>();

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Properties managerProperties = properties == null ? new Properties() : properties;
        JCacheBinding binding = isRedisUrl(managerUri) ? null : JCacheBinding.find(loader);
        if (binding != null) {
            return binding.manager(managerUri, u -> open(u, loader, managerProperties, binding));
        }
        synchronized (managers) {
            Map<URI, RedisCacheManager> byUri = managers.computeIfAbsent(loader, l -> new HashMap<>());
            RedisCacheManager manager = byUri.get(managerUri);
            if (manager == null) {
                manager = open(managerUri, loader, managerProperties, null);
                byUri.put(managerUri, manager);
            }
            return manager;
        }
    }

    /** Opens a manager; {@code binding} is the deployment's, or null outside one. */
    private RedisCacheManager open(URI uri, ClassLoader loader, Properties properties, JCacheBinding binding) {
        Config config = binding != null ? binding.config() : standaloneConfig(uri, loader, properties);
        Function<String, Object> beans = binding != null ? binding.beanByName() : name -> {
            throw new IllegalStateException("Loader and writer beans by name ('" + name
                    + "') need CDI: this cache manager runs outside a RedisEE deployment");
        };
        ConfigValues values = new ConfigValues(config);
        JCacheSettings settings = JCacheSettings.read(values, beans);
        String clientName = "redisee".equals(uri.getScheme()) && !DEFAULT_URI.equals(uri)
                ? uri.getSchemeSpecificPart() : settings.client();
        JCacheSerialCodec codec = new JCacheSerialCodec(settings.serialFilter(), loader);
        RedissonClient client;
        Runnable closeClient;
        ManagedRedisClient managed = binding != null && binding.clients().names().contains(clientName)
                ? binding.clients().client(clientName) : null;
        if (managed != null) {
            failOnProblems(values);
            client = managed.redisson();
            closeClient = () -> { };
        } else {
            // Outside a deployment, or a client the deployment did not start: the manager gets a client of its own.
            RedisClientSettings settingsOfClient = new RedisClientSettingsReader(values, loader).read(clientName);
            failOnProblems(values);
            client = Redisson.create(RedissonConfigFactory.create(settingsOfClient));
            closeClient = client::shutdown;
        }
        RedisCacheManager[] self = new RedisCacheManager[1];
        self[0] = new RedisCacheManager(this, uri, loader, properties, client, codec, settings::declared, () -> {
            if (binding != null) {
                binding.forget(self[0]);
            } else {
                forget(loader, uri, self[0]);
            }
            closeClient.run();
        });
        return self[0];
    }

    private static void failOnProblems(ConfigValues values) {
        try {
            values.throwIfProblems();
        } catch (RedisConfigException e) {
            throw new CacheException(e.getMessage(), e);
        }
    }

    private static boolean isRedisUrl(URI uri) {
        return "redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme());
    }

    /**
     * The manager's properties (and a {@code redis://} URI as {@code redisee.url}) over MicroProfile Config when an
     * implementation is present, else over the system properties.
     */
    private static Config standaloneConfig(URI uri, ClassLoader loader, Properties properties) {
        Properties url = new Properties();
        if (isRedisUrl(uri)) {
            url.setProperty("redisee.url", uri.toString());
        }
        try {
            return PropertiesConfig.over(ConfigProvider.getConfig(loader), "cache manager properties", properties, url);
        } catch (IllegalStateException | LinkageError | java.util.ServiceConfigurationError noImplementation) {
            return PropertiesConfig.of("system properties and cache manager properties",
                    System.getProperties(), properties, url);
        }
    }

    private void forget(ClassLoader loader, URI uri, RedisCacheManager manager) {
        synchronized (managers) {
            Map<URI, RedisCacheManager> byUri = managers.get(loader);
            if (byUri != null && byUri.remove(uri, manager) && byUri.isEmpty()) {
                managers.remove(loader);
            }
        }
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        return getClass().getClassLoader();
    }

    @Override
    public URI getDefaultURI() {
        return DEFAULT_URI;
    }

    @Override
    public Properties getDefaultProperties() {
        return new Properties();
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, getDefaultProperties());
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(getDefaultURI(), getDefaultClassLoader());
    }

    @Override
    public void close() {
        List<ClassLoader> loaders;
        synchronized (managers) {
            loaders = new ArrayList<>(managers.keySet());
        }
        for (ClassLoader loader : loaders) {
            close(loader);
        }
    }

    @Override
    public void close(ClassLoader classLoader) {
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Map<URI, RedisCacheManager> byUri;
        synchronized (managers) {
            byUri = managers.remove(loader);
        }
        if (byUri != null) {
            byUri.values().forEach(RedisCacheManager::close);
        }
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        RedisCacheManager manager;
        synchronized (managers) {
            Map<URI, RedisCacheManager> byUri = managers.get(loader);
            manager = byUri == null ? null : byUri.get(managerUri);
        }
        if (manager != null) {
            manager.close();
        }
    }

    /** Store-by-reference is not offered: entries live in Redis, so every read is a copy. */
    @Override
    public boolean isSupported(OptionalFeature optionalFeature) {
        return false;
    }
}
