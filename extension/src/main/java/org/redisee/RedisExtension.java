package org.redisee;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.redisee.client.ConfigValues;
import org.redisee.client.ManagedRedisClient;
import org.redisee.client.RedisClientSettings;
import org.redisee.client.RedisClientSettingsReader;
import org.redisee.client.RedisClients;
import org.redisee.client.RedisConfigException;
import org.redisee.metrics.RedisMetrics;
import org.redisee.metrics.RedisMetricsBackends;
import org.redisson.api.RedissonClient;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.api.RedissonRxClient;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The RedisEE portable extension, and the only class that observes container lifecycle events. It reads the
 * configuration, registers a bean per client and view, starts the clients once the deployment is valid, and closes
 * them when the application stops.
 */
public class RedisExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(RedisExtension.class.getName());
    private static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";
    private static final String READINESS_CHECK = "org.redisee.health.RedisReadinessCheck";

    /** The injectable views of a client; each is a view of the same Redisson instance. */
    private static final Map<Type, Function<RedissonClient, Object>> CLIENT_VIEWS = Map.of(
            RedissonClient.class, client -> client,
            RedissonReactiveClient.class, RedissonClient::reactive,
            RedissonRxClient.class, RedissonClient::rxJava);

    private final Set<String> injectedClients = ConcurrentHashMap.newKeySet();
    private final List<RedisClientSettings> settings = new ArrayList<>();
    private ManagedRedisClient.ProbeTiming probeTiming;
    private RedisMetricsBackends.Backend metricsBackend;
    private volatile RedisClients clients;

    void registerOptionalBeans(@Observes BeforeBeanDiscovery discovery, BeanManager beanManager) {
        ClassLoader loader = RedisExtension.class.getClassLoader();
        if (OptionalApi.isPresent(HEALTH_API, loader)) {
            discovery.addAnnotatedType(beanManager.createAnnotatedType(load(READINESS_CHECK, loader)), READINESS_CHECK);
        }
    }

    void collectClientInjectionPoints(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint injectionPoint = event.getInjectionPoint();
        if (CLIENT_VIEWS.containsKey(injectionPoint.getType())) {
            injectedClients.add(injectionPoint.getQualifiers().stream()
                    .filter(Redis.class::isInstance).map(q -> ((Redis) q).value())
                    .findFirst().orElse(Redis.DEFAULT));
        }
    }

    void registerClientBeans(@Observes AfterBeanDiscovery discovery) {
        Config config = ConfigProvider.getConfig();
        ConfigValues values = new ConfigValues(config);
        RedisClientSettingsReader reader = new RedisClientSettingsReader(values, Thread.currentThread().getContextClassLoader());
        reader.checkUnknownKeys();
        Set<String> names = new TreeSet<>(RedisClientSettingsReader.configuredClients(config));
        names.addAll(injectedClients);
        names.forEach(name -> settings.add(reader.read(name)));
        probeTiming = reader.probeTiming();
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
        discovery.addBean()
                .id(RedisClients.class.getName())
                .beanClass(RedisExtension.class)
                .types(RedisClients.class, Object.class)
                .scope(Singleton.class)
                .createWith(context -> clients());
    }

    void startClients(@Observes AfterDeploymentValidation validation, BeanManager beanManager) {
        RedisMetrics metrics = RedisMetricsBackends.select(metricsBackend, beanManager, RedisExtension.class.getClassLoader());
        RedisClients started = new RedisClients(probeTiming, metrics, "redisee-probe");
        try {
            started.start(settings);
            clients = started;
            LOG.info("RedisEE started clients " + started.names() + "; metrics: " + metrics.backend());
        } catch (RuntimeException e) {
            validation.addDeploymentProblem(e);
        }
    }

    void closeClients(@Observes BeforeShutdown shutdown) {
        RedisClients running = clients;
        clients = null;
        if (running != null) {
            running.close();
            LOG.info("RedisEE closed clients " + running.names());
        }
    }

    private RedisClients clients() {
        RedisClients running = clients;
        if (running == null) {
            throw new IllegalStateException("RedisEE clients are not running: the application is not started or already stopped");
        }
        return running;
    }

    private static Annotation[] qualifiers(String name) {
        return Redis.DEFAULT.equals(name)
                ? new Annotation[]{Default.Literal.INSTANCE, Any.Literal.INSTANCE, Redis.Literal.of(name)}
                : new Annotation[]{Any.Literal.INSTANCE, Redis.Literal.of(name)};
    }

    private static Class<?> load(String className, ClassLoader loader) {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("RedisEE is packaged incompletely: " + className + " is missing", e);
        }
    }
}
