package org.redisee.metrics;

import jakarta.enterprise.inject.spi.BeanManager;
import org.redisee.BeanLookup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Picks the metrics adapter for the server at hand. Each optional API is probed by class name before any class that
 * links against it is loaded, so a server without it deploys normally and records nothing.
 */
public final class RedisMetricsBackends {

    private static final Logger LOG = Logger.getLogger(RedisMetricsBackends.class.getName());
    private static final String MP_REGISTRY = "org.eclipse.microprofile.metrics.MetricRegistry";
    private static final String MICROMETER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
    private static final String MP_REGISTRY_HOLDER = "org.redisee.metrics.MicroProfileRegistryHolder";

    /** Values of {@code redisee.metrics.backend}. */
    public enum Backend { AUTO, MICROPROFILE, MICROMETER, NONE }

    public static final Map<String, Backend> CHOICES = new LinkedHashMap<>();

    static {
        CHOICES.put("auto", Backend.AUTO);
        CHOICES.put("microprofile", Backend.MICROPROFILE);
        CHOICES.put("micrometer", Backend.MICROMETER);
        CHOICES.put("none", Backend.NONE);
    }

    private RedisMetricsBackends() {
    }

    public static RedisMetrics select(Backend backend, BeanManager beanManager, ClassLoader classLoader) {
        if (backend == Backend.NONE) {
            return RedisMetrics.NONE;
        }
        if ((backend == Backend.AUTO || backend == Backend.MICROPROFILE) && present(MP_REGISTRY, classLoader)) {
            Optional<RedisMetrics> mp = bean(beanManager, MP_REGISTRY_HOLDER, classLoader)
                    .map(holder -> ((MicroProfileRegistryHolder) holder).registry())
                    .filter(java.util.Objects::nonNull)
                    .map(MicroProfileRedisMetrics::new);
            if (mp.isPresent()) {
                return mp.get();
            }
        }
        if ((backend == Backend.AUTO || backend == Backend.MICROMETER) && present(MICROMETER_REGISTRY, classLoader)) {
            Object registry = bean(beanManager, MICROMETER_REGISTRY, classLoader)
                    .orElseGet(MicrometerGlobalRegistry::get);
            return new MicrometerRedisMetrics((io.micrometer.core.instrument.MeterRegistry) registry);
        }
        if (backend != Backend.AUTO) {
            LOG.warning("redisee.metrics.backend=" + backend.name().toLowerCase()
                    + " but that metrics API is not available to this application; metrics are not recorded");
        }
        return RedisMetrics.NONE;
    }

    private static boolean present(String className, ClassLoader classLoader) {
        try {
            Class.forName(className, false, classLoader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The bean of the named type, if that class exists and the application has such a bean. */
    private static Optional<Object> bean(BeanManager beanManager, String className, ClassLoader classLoader) {
        try {
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) Class.forName(className, false, classLoader);
            return BeanLookup.find(type, beanManager);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Kept in its own class so Micrometer's classes load only when Micrometer is present. */
    private static final class MicrometerGlobalRegistry {
        static Object get() {
            return io.micrometer.core.instrument.Metrics.globalRegistry;
        }
    }
}
