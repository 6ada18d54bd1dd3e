package org.redisee.jcache;

import org.redisee.Redis;
import org.redisee.client.ConfigValues;

import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code redisee.jcache.*}: which client JCache uses, which classes its values may hold, and caches declared by
 * configuration ({@code redisee.jcache.<cache>.*}), which are created the first time the application asks for them.
 */
public final class JCacheSettings {

    static final String PREFIX = "redisee.jcache.";
    static final Set<String> GLOBAL_KEYS = Set.of("client", "serial-filter");
    static final Set<String> CACHE_KEYS = Set.of(
            "expiry.policy", "expiry.duration", "statistics", "management", "read-through", "write-through");

    private static final String ETERNAL = "eternal";
    /** JSR-107's standard expiry policies by name, each made from its duration. */
    private static final Map<String, Function<Duration, Factory<ExpiryPolicy>>> POLICIES = new LinkedHashMap<>();

    static {
        POLICIES.put(ETERNAL, duration -> EternalExpiryPolicy.factoryOf());
        POLICIES.put("created", CreatedExpiryPolicy::factoryOf);
        POLICIES.put("accessed", AccessedExpiryPolicy::factoryOf);
        POLICIES.put("modified", ModifiedExpiryPolicy::factoryOf);
        POLICIES.put("touched", TouchedExpiryPolicy::factoryOf);
    }

    private final String client;
    private final String serialFilter;
    private final Map<String, CompleteConfiguration<?, ?>> declared;

    private JCacheSettings(String client, String serialFilter, Map<String, CompleteConfiguration<?, ?>> declared) {
        this.client = client;
        this.serialFilter = serialFilter;
        this.declared = declared;
    }

    /**
     * Reads and validates; problems go to {@code values}.
     *
     * @param beanByName finds a CDI bean by its name, for {@code read-through} and {@code write-through}
     */
    public static JCacheSettings read(ConfigValues values, Function<String, Object> beanByName) {
        String client = values.string(PREFIX + "client", Redis.DEFAULT);
        String serialFilter = values.string(PREFIX + "serial-filter", "");
        if (!serialFilter.isEmpty()) {
            try {
                java.io.ObjectInputFilter.Config.createFilter(serialFilter);
            } catch (IllegalArgumentException e) {
                values.problem(PREFIX + "serial-filter", serialFilter,
                        "JDK serial filter patterns such as com.acme.model.*;com.acme.Order (" + e.getMessage() + ")");
            }
        }
        Map<String, CompleteConfiguration<?, ?>> declared = new TreeMap<>();
        for (String cache : declaredCaches(values)) {
            declared.put(cache, cacheConfiguration(values, PREFIX + cache + ".", beanByName));
        }
        return new JCacheSettings(client, serialFilter, declared);
    }

    private static Set<String> declaredCaches(ConfigValues values) {
        return values.namedEntries(PREFIX, CACHE_KEYS, GLOBAL_KEYS, "JCache");
    }

    private static CompleteConfiguration<?, ?> cacheConfiguration(ConfigValues values, String prefix,
                                                                  Function<String, Object> beanByName) {
        MutableConfiguration<Object, Object> configuration = new MutableConfiguration<>();
        Function<Duration, Factory<ExpiryPolicy>> policy = values.choice(prefix + "expiry.policy", POLICIES.get(ETERNAL), POLICIES);
        boolean eternal = policy == POLICIES.get(ETERNAL);
        Optional<String> durationText = values.string(prefix + "expiry.duration");
        java.time.Duration duration = values.duration(prefix + "expiry.duration", null);
        if (eternal && durationText.isPresent()) {
            values.problem(prefix + "expiry.duration is set, but " + prefix
                    + "expiry.policy is eternal (the default); set the policy to created, accessed, modified or touched");
        } else if (!eternal && durationText.isEmpty()) {
            values.problem(prefix + "expiry.policy is " + values.string(prefix + "expiry.policy").orElse("")
                    + ", which needs " + prefix + "expiry.duration");
        }
        configuration.setExpiryPolicyFactory(duration == null ? EternalExpiryPolicy.factoryOf()
                : policy.apply(new Duration(TimeUnit.MILLISECONDS, duration.toMillis())));
        configuration.setStatisticsEnabled(values.bool(prefix + "statistics", false));
        configuration.setManagementEnabled(values.bool(prefix + "management", false));
        values.string(prefix + "read-through").ifPresent(name -> {
            configuration.setReadThrough(true);
            configuration.setCacheLoaderFactory(new NamedBeanFactory<>(name, CacheLoader.class, beanByName));
        });
        values.string(prefix + "write-through").ifPresent(name -> {
            configuration.setWriteThrough(true);
            configuration.setCacheWriterFactory(new NamedBeanFactory<>(name, CacheWriter.class, beanByName));
        });
        return configuration;
    }

    /** The managed client JCache uses: {@code redisee.jcache.client}, {@code default} unless set. */
    public String client() {
        return client;
    }

    /** Extra allowed classes for cached values, in JDK serial filter syntax; empty for none. */
    public String serialFilter() {
        return serialFilter;
    }

    /** The configuration of a cache that {@code redisee.jcache.<cache>.*} declares. */
    public Optional<CompleteConfiguration<?, ?>> declared(String cache) {
        return Optional.ofNullable(declared.get(cache));
    }

    public Set<String> declaredCaches() {
        return declared.keySet();
    }

    /** Creates a loader or writer by looking up the CDI bean of that name when the cache is created. */
    private static final class NamedBeanFactory<T> implements Factory<T>, Serializable {

        private static final long serialVersionUID = 1L;

        private final String name;
        private final Class<?> type;
        private final transient Function<String, Object> beanByName;

        NamedBeanFactory(String name, Class<?> type, Function<String, Object> beanByName) {
            this.name = name;
            this.type = type;
            this.beanByName = beanByName;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T create() {
            Object bean = beanByName.apply(name);
            if (!type.isInstance(bean)) {
                throw new IllegalStateException("The bean named '" + name + "' is a " + bean.getClass().getName()
                        + ", not a " + type.getName());
            }
            return (T) bean;
        }
    }
}
