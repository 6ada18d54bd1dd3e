package org.redisee.ratelimit;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Singleton;
import org.redisee.BeanLookup;
import org.redisee.client.ConfigValues;
import org.redisee.client.RedisClients;
import org.redisee.metrics.RedisMetrics;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The CDI side of rate limiting: collects the {@link RateLimited} methods and {@link RateLimitName} injection points
 * while the container starts, validates every limit's settings before it deploys, and registers
 * {@link RateLimitOperations} and a {@link RateLimiter} bean per injected name. The extension calls it; it observes
 * nothing itself.
 */
public final class RateLimitBeans {

    /** Limit name to its annotation and where it is, for messages. */
    private final Map<String, Map.Entry<RateLimited, String>> annotated = new ConcurrentHashMap<>();
    private final Set<String> injected = ConcurrentHashMap.newKeySet();
    private final Map<String, RateLimitPolicy> policies = new TreeMap<>();
    private TrustedProxies proxies;

    /** Remembers the limits of a bean class: on its methods, or on the class for all its public methods. */
    public void collect(AnnotatedType<?> type) {
        RateLimited onClass = type.getAnnotation(RateLimited.class);
        for (AnnotatedMethod<?> method : type.getMethods()) {
            RateLimited limited = method.isAnnotationPresent(RateLimited.class) ? method.getAnnotation(RateLimited.class)
                    : Modifier.isPublic(method.getJavaMember().getModifiers())
                      && method.getJavaMember().getDeclaringClass() == type.getJavaClass() ? onClass : null;
            if (limited != null) {
                annotated.putIfAbsent(RateLimitOperations.name(method.getJavaMember(), limited),
                        Map.entry(limited, method.getJavaMember().toString()));
            }
        }
    }

    public void collect(InjectionPoint injectionPoint) {
        if (injectionPoint.getType() == RateLimiter.class) {
            injectionPoint.getQualifiers().stream().filter(RateLimitName.class::isInstance)
                    .map(q -> ((RateLimitName) q).value()).findFirst().ifPresent(injected::add);
        }
    }

    /** Reads and validates every limit into {@code values}; returns the clients the limits use. */
    public Set<String> validate(ConfigValues values) {
        RateLimitSettingsReader reader = new RateLimitSettingsReader(values);
        Set<String> names = new TreeSet<>(reader.configuredLimits());
        names.addAll(annotated.keySet());
        for (String name : names) {
            Map.Entry<RateLimited, String> declared = annotated.get(name);
            policies.put(name, reader.read(name, declared == null ? null : declared.getKey(),
                    declared == null ? null : declared.getValue()));
        }
        for (String name : injected) {
            if (!policies.containsKey(name)) {
                values.problem("@RateLimitName(\"" + name + "\") is injected, but no limit has that name: set "
                        + RateLimitSettingsReader.PREFIX + name + ".limit and .window, or name a @RateLimited method so");
            }
        }
        proxies = reader.trustedProxies();
        reader.responseHeadersByDefault(); // read even when no limit uses it, so that a bad value fails the deployment
        Set<String> clients = new TreeSet<>();
        policies.values().forEach(policy -> clients.add(policy.client()));
        return clients;
    }

    public void register(AfterBeanDiscovery discovery, BeanManager beanManager, Supplier<RedisClients> clients,
                         String keyPrefix) {
        RateLimitOperations operations = new RateLimitOperations(policies,
                policy -> {
                    RedisClients running = clients.get();
                    RedisMetrics metrics = running.metrics();
                    return new RedisRateLimiter(policy, running.client(policy.client()), keyPrefix, metrics);
                },
                type -> BeanLookup.find(type, beanManager).orElseThrow(() -> new IllegalStateException(
                        "Rate limit key resolver " + type.getName() + " is not a CDI bean of this application")),
                proxies);
        discovery.addBean()
                .id(RateLimitOperations.class.getName())
                .beanClass(RateLimitBeans.class)
                .types(RateLimitOperations.class, Object.class)
                .scope(Singleton.class)
                .createWith(context -> operations);
        for (String name : injected) {
            discovery.addBean()
                    .id(RateLimitBeans.class.getName() + "." + name)
                    .beanClass(RateLimitBeans.class)
                    .types(RateLimiter.class, Object.class)
                    .qualifiers(RateLimitName.Literal.of(name), Any.Literal.INSTANCE)
                    .scope(Singleton.class)
                    .createWith(context -> operations.limiter(name));
        }
    }
}
