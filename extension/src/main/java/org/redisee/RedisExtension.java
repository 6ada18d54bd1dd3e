package org.redisee;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import org.redisee.cache.CacheEvict;
import org.redisee.cache.CacheEvictAll;
import org.redisee.cache.CacheOperations;
import org.redisee.cache.Jsr107Operations;
import org.redisee.cache.jsr107.Jsr107Registration;
import org.redisee.cache.CacheSettings;
import org.redisee.cache.CacheSettingsReader;
import org.redisee.cache.CacheUpdate;
import org.redisee.cache.Cached;
import org.redisee.cache.RedisCaches;
import org.redisee.client.ConfigValues;
import org.redisee.client.ManagedRedisClient;
import org.redisee.client.RedisClientSettings;
import org.redisee.client.RedisClientSettingsReader;
import org.redisee.client.RedisClients;
import org.redisee.client.RedisConfigException;
import org.redisee.jcache.JCacheBeans;
import org.redisee.ratelimit.RateLimitBeans;
import org.redisee.ratelimit.RateLimited;
import org.redisee.session.SessionBeans;
import org.redisee.event.EventBeans;
import org.redisee.lock.LockOperations;
import org.redisee.lock.Locked;
import org.redisee.metrics.RedisMetrics;
import org.redisee.metrics.RedisMetricsBackends;
import org.redisson.api.RedissonClient;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.api.RedissonRxClient;

import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The RedisEE portable extension, and the only class that observes container lifecycle events. It reads and validates
 * the configuration, registers a bean per client and view, wires the cache annotations (and JSR-107's, where the
 * server does not handle them), the JCache beans and the rate limits, starts the clients once the deployment is valid, and closes
 * everything when the application stops.
 */
public class RedisExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(RedisExtension.class.getName());

    /** The injectable views of a client; each is a view of the same Redisson instance. */
    private static final Map<Type, Function<RedissonClient, Object>> CLIENT_VIEWS = Map.of(
            RedissonClient.class, client -> client,
            RedissonReactiveClient.class, RedissonClient::reactive,
            RedissonRxClient.class, RedissonClient::rxJava);

    private final Set<String> injectedClients = ConcurrentHashMap.newKeySet();
    private final List<RedisClientSettings> settings = new ArrayList<>();
    private RedisMetricsBackends.Backend metricsBackend;
    private volatile boolean cacheAnnotationsUsed;
    private volatile boolean locksUsed;
    private volatile RedisClients clients;
    private volatile CacheOperations cacheOperations;
    private final JCacheBeans jcache = new JCacheBeans();
    private final RateLimitBeans rateLimits = new RateLimitBeans();
    private final SessionBeans sessions = new SessionBeans();
    private final EventBeans events = new EventBeans();
    private volatile String keyPrefix;

    void addJsr107Bindings(@Observes BeforeBeanDiscovery discovery) {
        Jsr107Registration.addBindings(discovery);
    }

    void addJsr107Interceptors(@Observes AfterTypeDiscovery discovery, BeanManager beanManager) {
        boolean jsr107Intercepted = Jsr107Registration.addInterceptors(discovery, beanManager);
        LOG.fine(jsr107Intercepted ? "JSR-107 cache annotations are routed to Redis by RedisEE"
                : "JSR-107 cache annotations are intercepted by the server; RedisEE leaves them alone");
    }

    /** Caches without configuration use the default client, so it must exist when any cache annotation is used. */
    void detectCacheAnnotations(@Observes @WithAnnotations({Cached.class, CacheUpdate.class, CacheEvict.class,
            CacheEvictAll.class, CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class})
                                ProcessAnnotatedType<?> event) {
        cacheAnnotationsUsed = true;
    }

    void detectLocks(@Observes @WithAnnotations(Locked.class) ProcessAnnotatedType<?> event) {
        locksUsed = true;
    }

    void collectRateLimits(@Observes @WithAnnotations(RateLimited.class) ProcessAnnotatedType<?> event) {
        rateLimits.collect(event.getAnnotatedType());
    }

    void collectTopicObservers(@Observes ProcessObserverMethod<?, ?> event) {
        events.collect(event.getObserverMethod());
    }

    void collectClientInjectionPoints(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint injectionPoint = event.getInjectionPoint();
        events.collect(injectionPoint);
        jcache.collect(injectionPoint);
        rateLimits.collect(injectionPoint);
        if (CLIENT_VIEWS.containsKey(injectionPoint.getType())) {
            injectedClients.add(injectionPoint.getQualifiers().stream()
                    .filter(Redis.class::isInstance).map(q -> ((Redis) q).value())
                    .findFirst().orElse(Redis.DEFAULT));
        }
    }

    void registerClientBeans(@Observes AfterBeanDiscovery discovery, BeanManager beanManager) {
        Config config = ConfigProvider.getConfig();
        ConfigValues values = new ConfigValues(config);
        RedisClientSettingsReader reader = new RedisClientSettingsReader(values, Thread.currentThread().getContextClassLoader());
        reader.checkUnknownKeys();
        CacheSettingsReader cacheReader = new CacheSettingsReader(values);
        String keyPrefix = cacheReader.keyPrefix();
        Map<String, CacheSettings> cacheSettings = new TreeMap<>();
        cacheReader.configuredCaches().forEach(cache -> cacheSettings.put(cache, cacheReader.read(cache)));
        Set<String> names = new TreeSet<>(RedisClientSettingsReader.configuredClients(config));
        names.addAll(injectedClients);
        cacheSettings.values().forEach(cache -> names.add(cache.client()));
        if (cacheAnnotationsUsed) {
            names.add(Redis.DEFAULT);
        }
        jcache.validate(values, beanManager).ifPresent(names::add);
        names.addAll(rateLimits.validate(values));
        sessions.validate(values).ifPresent(names::add);
        names.addAll(events.validate(values));
        String lockClient = LockOperations.client(values);
        if (locksUsed) {
            names.add(lockClient);
        }
        names.forEach(name -> settings.add(reader.read(name)));
        ManagedRedisClient.ProbeTiming probeTiming = reader.probeTiming();
        metricsBackend = values.choice(RedisClientSettingsReader.PREFIX + "metrics.backend",
                RedisMetricsBackends.Backend.AUTO, RedisMetricsBackends.CHOICES);
        if (!values.problems().isEmpty()) {
            discovery.addDefinitionError(new RedisConfigException(values.problems()));
            return;
        }
        for (String name : names) {
            CLIENT_VIEWS.forEach((type, view) -> discovery.addBean()
                    .id(RedisExtension.class.getName() + "." + name + "." + type.getTypeName())
                    .beanClass(RedisExtension.class)
                    .types(type, Object.class)
                    .qualifiers(qualifiers(name))
                    .scope(ApplicationScoped.class)
                    .createWith(context -> view.apply(clients().client(name).redisson())));
        }
        // Created now, started after validation: beans such as the server's health checks may be created earlier.
        clients = new RedisClients(probeTiming, "redisee-probe");
        cacheOperations = new CacheOperations(new RedisCaches(cacheSettings, this::readCacheSettings, clients, keyPrefix),
                generator -> BeanLookup.find(generator, beanManager).orElseThrow(() -> new IllegalStateException(
                        "Key generator " + generator.getName() + " is not a CDI bean of this application")));
        jcache.register(discovery, beanManager, Thread.currentThread().getContextClassLoader());
        rateLimits.register(discovery, beanManager, this::clients, keyPrefix);
        sessions.register(discovery, this::clients, keyPrefix, Thread.currentThread().getContextClassLoader());
        events.register(discovery);
        LockOperations locks = new LockOperations(this::clients, lockClient, keyPrefix);
        addSingleton(discovery, LockOperations.class, () -> locks);
        this.keyPrefix = keyPrefix;
        addSingleton(discovery, RedisClients.class, this::clients);
        addSingleton(discovery, CacheOperations.class, this::cacheOperations);
        addSingleton(discovery, RedisCaches.class, () -> cacheOperations().caches());
        // Also where the server intercepts JSR-107 itself: RedisCacheResolverFactory hands its interceptors our caches.
        Jsr107Operations jsr107 = new Jsr107Operations(cacheOperations.caches());
        addSingleton(discovery, Jsr107Operations.class, () -> jsr107);
    }

    private static <T> void addSingleton(AfterBeanDiscovery discovery, Class<T> type, Supplier<T> instance) {
        discovery.addBean()
                .id(type.getName())
                .beanClass(RedisExtension.class)
                .types(type, Object.class)
                .scope(Singleton.class)
                .createWith(context -> instance.get());
    }

    void startClients(@Observes AfterDeploymentValidation validation, BeanManager beanManager) {
        RedisClients registry = clients;
        if (registry == null) {
            return; // the configuration was invalid; that is already reported
        }
        RedisMetrics metrics = RedisMetricsBackends.select(metricsBackend, beanManager, RedisExtension.class.getClassLoader());
        try {
            registry.start(settings, metrics);
            jcache.start(registry, ConfigProvider.getConfig(), name -> BeanLookup.findByName(name, beanManager)
                    .orElseThrow(() -> new IllegalStateException("No CDI bean named '" + name + "' in this application")));
            events.start(registry, keyPrefix, beanManager, Thread.currentThread().getContextClassLoader());
            LOG.info("RedisEE started clients " + registry.names() + "; metrics: " + metrics.backend());
        } catch (RuntimeException e) {
            validation.addDeploymentProblem(e);
        }
    }

    void closeClients(@Observes BeforeShutdown shutdown) {
        jcache.stop();
        sessions.stop();
        events.stop();
        CacheOperations caches = cacheOperations;
        cacheOperations = null;
        if (caches != null) {
            caches.caches().close();
        }
        RedisClients running = clients;
        clients = null;
        if (running != null) {
            Set<String> names = running.names();
            running.close();
            LOG.info("RedisEE closed clients " + names);
        }
    }

    private RedisClients clients() {
        RedisClients running = clients;
        if (running == null) {
            throw new IllegalStateException("RedisEE clients are not running: the application is not started or already stopped");
        }
        return running;
    }

    private CacheOperations cacheOperations() {
        CacheOperations running = cacheOperations;
        if (running == null) {
            throw new IllegalStateException("RedisEE caches are not running: the application is not started or already stopped");
        }
        return running;
    }

    /** Settings of a cache first named at run time (not configured, not annotated with a literal name). */
    private CacheSettings readCacheSettings(String cache) {
        ConfigValues values = new ConfigValues(ConfigProvider.getConfig());
        CacheSettings read = new CacheSettingsReader(values).read(cache);
        values.throwIfProblems();
        return read;
    }

    private static Annotation[] qualifiers(String name) {
        return Redis.DEFAULT.equals(name)
                ? new Annotation[]{Default.Literal.INSTANCE, Any.Literal.INSTANCE, Redis.Literal.of(name)}
                : new Annotation[]{Any.Literal.INSTANCE, Redis.Literal.of(name)};
    }
}
