package org.redisee.jcache;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.redisee.Redis;
import org.redisee.client.ConfigValues;
import org.redisee.client.RedisClients;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The CDI side of JCache: {@code @Inject CacheManager} and {@code @Inject @JCacheName("x") Cache<K, V>}, and the
 * binding that makes the provider use the application's managed client. The extension calls it at each lifecycle
 * step; it observes nothing itself.
 */
public final class JCacheBeans {

    /** Cache name to the types it is injected as. */
    private final Map<String, Set<Type>> injectedCaches = new ConcurrentHashMap<>();
    private volatile boolean managerInjected;
    private volatile ClassLoader application;
    private volatile JCacheBinding binding;
    private final RedisCachingProvider provider = new RedisCachingProvider();

    /** Remembers injection points of a {@code CacheManager} and of {@code @JCacheName} caches. */
    public void collect(InjectionPoint injectionPoint) {
        Type type = injectionPoint.getType();
        if (type == CacheManager.class) {
            managerInjected = true;
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : null;
        if (raw != Cache.class) {
            return;
        }
        injectionPoint.getQualifiers().stream().filter(JCacheName.class::isInstance).map(q -> ((JCacheName) q).value())
                .findFirst().ifPresent(name -> injectedCaches.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet())
                        .add(type));
    }

    /**
     * Validates {@code redisee.jcache.*} into {@code values}. Returns the client JCache uses when the application
     * injects JCache or declares caches, so the extension creates that client; empty otherwise.
     *
     * A {@code read-through} or {@code write-through} must name ({@code @Named}) a bean of the right type.
     */
    public Optional<String> validate(ConfigValues values, BeanManager beanManager) {
        JCacheSettings settings = JCacheSettings.read(values, name -> null);
        for (String cache : settings.declaredCaches()) {
            checkNamedBean(values, JCacheSettings.PREFIX + cache + ".read-through", CacheLoader.class, beanManager);
            checkNamedBean(values, JCacheSettings.PREFIX + cache + ".write-through", CacheWriter.class, beanManager);
        }
        boolean used = managerInjected || !injectedCaches.isEmpty() || !settings.declaredCaches().isEmpty();
        return used ? Optional.of(settings.client()) : Optional.empty();
    }

    private static void checkNamedBean(ConfigValues values, String key, Class<?> type, BeanManager beanManager) {
        values.string(key).filter(name -> beanManager.getBeans(name).stream().noneMatch(bean -> bean.getTypes().stream()
                        .anyMatch(beanType -> type.isAssignableFrom(rawClass(beanType)))))
                .ifPresent(name -> values.problem(key, name,
                        "the name (@Named) of a CDI bean that is a " + type.getName() + "; the application has none"));
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> raw) {
            return raw;
        }
        return type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
                ? raw : Object.class;
    }

    /**
     * Registers the cache manager bean ({@code @Redis}, and {@code @Default} unless the server or application already
     * has a {@code CacheManager} bean, as Payara does) and a bean per injected cache name.
     */
    public void register(AfterBeanDiscovery discovery, BeanManager beanManager, ClassLoader applicationLoader) {
        this.application = applicationLoader;
        Set<Bean<?>> existing = beanManager.getBeans(CacheManager.class, Any.Literal.INSTANCE);
        Annotation[] qualifiers = existing.isEmpty()
                ? new Annotation[]{Default.Literal.INSTANCE, Any.Literal.INSTANCE, Redis.Literal.of(Redis.DEFAULT)}
                : new Annotation[]{Any.Literal.INSTANCE, Redis.Literal.of(Redis.DEFAULT)};
        discovery.addBean()
                .id(JCacheBeans.class.getName() + ".CacheManager")
                .beanClass(JCacheBeans.class)
                .types(CacheManager.class, Object.class)
                .qualifiers(qualifiers)
                .scope(Singleton.class)
                .createWith(context -> cacheManager());
        injectedCaches.forEach((name, types) -> discovery.addBean()
                .id(JCacheBeans.class.getName() + ".Cache." + name)
                .beanClass(JCacheBeans.class)
                .types(beanTypes(types))
                .qualifiers(JCacheName.Literal.of(name), Any.Literal.INSTANCE)
                .createWith(context -> cache(name)));
    }

    /** Legal bean types: the injected parameterized types without wildcards, and raw {@code Cache} for the rest. */
    private static Set<Type> beanTypes(Set<Type> injected) {
        Set<Type> types = new HashSet<>(Set.of(Cache.class, Object.class));
        for (Type type : injected) {
            if (type instanceof ParameterizedType p
                    && Arrays.stream(p.getActualTypeArguments()).noneMatch(WildcardType.class::isInstance)) {
                types.add(type);
            }
        }
        return types;
    }

    /** Binds JCache to the started clients. */
    public void start(RedisClients clients, Config config, Function<String, Object> beanByName) {
        binding = JCacheBinding.bind(application, clients, config, beanByName);
    }

    /** Closes the application's cache managers: their caches close and their MXBeans are unregistered. */
    public void stop() {
        JCacheBinding bound = binding;
        binding = null;
        if (bound != null) {
            bound.unbind();
        }
    }

    /**
     * Not through {@code Caching}: on Payara its registry is the server's and would keep the application's class
     * loader after undeploy. The binding makes this the same manager as {@code Caching} would give.
     */
    private CacheManager cacheManager() {
        return provider.getCacheManager(RedisCachingProvider.DEFAULT_URI, application);
    }

    private Cache<Object, Object> cache(String name) {
        CacheManager manager = cacheManager();
        Cache<Object, Object> cache = manager.getCache(name);
        if (cache != null) {
            return cache;
        }
        try {
            return manager.createCache(name, new MutableConfiguration<>());
        } catch (CacheException alreadyCreated) {
            return manager.getCache(name);
        }
    }
}
