package org.redisee.ratelimit;

import org.redisee.InterceptorBindings;
import jakarta.interceptor.InvocationContext;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What {@link RateLimited} does, apart from the container: finds the method's limit and key, asks the limiter, and
 * throws {@link RateLimitExceededException} when the call is over the limit. The policies are read and validated at
 * deployment; limiters are created on first use.
 */
public final class RateLimitOperations {

    private static final String ANONYMOUS = "anonymous";
    private static final String NO_KEY = "-";

    private final Map<String, RateLimitPolicy> policies;
    private final Function<RateLimitPolicy, RateLimiter> newLimiter;
    private final Function<Class<? extends RateLimitKeyResolver>, RateLimitKeyResolver> resolvers;
    private final TrustedProxies proxies;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final Map<Method, LimitedMethod> methods = new ConcurrentHashMap<>();

    public RateLimitOperations(Map<String, RateLimitPolicy> policies, Function<RateLimitPolicy, RateLimiter> newLimiter,
                               Function<Class<? extends RateLimitKeyResolver>, RateLimitKeyResolver> resolvers,
                               TrustedProxies proxies) {
        this.policies = Map.copyOf(policies);
        this.newLimiter = newLimiter;
        this.resolvers = resolvers;
        this.proxies = proxies;
    }

    /** The limiter of a limit that the configuration or an annotation declares. */
    public RateLimiter limiter(String name) {
        RateLimitPolicy policy = policies.get(name);
        if (policy == null) {
            throw new IllegalArgumentException("No rate limit named '" + name + "'; declared: " + policies.keySet());
        }
        return limiters.computeIfAbsent(name, n -> newLimiter.apply(policy));
    }

    public Object limited(InvocationContext context, Caller caller) throws Exception {
        LimitedMethod method = methods.computeIfAbsent(context.getMethod(), m -> new LimitedMethod(m, InterceptorBindings.binding(context, RateLimited.class)));
        RateLimitDecision decision = method.limiter.tryAcquire(method.key(context.getParameters(), caller), method.permits);
        RateLimitPolicy policy = method.limiter.policy();
        if (!decision.allowed()) {
            throw new RateLimitExceededException(policy, decision);
        }
        if (policy.responseHeaders()) {
            caller.allowed(RateLimitHeaders.of(policy, decision));
        }
        return context.proceed();
    }

    /** The limit's name: the annotation's, else {@code <declaring class>.<method>}. */
    public static String name(Method method, RateLimited annotation) {
        return annotation.name().isEmpty() ? method.getDeclaringClass().getName() + "." + method.getName() : annotation.name();
    }

    private final class LimitedMethod {
        final RateLimiter limiter;
        final int permits;
        final RateLimited.KeySource source;
        final int keyParameter;
        final Method method;
        final RateLimitKeyResolver resolver;

        LimitedMethod(Method method, RateLimited annotation) {
            this.method = method;
            this.limiter = limiter(name(method, annotation));
            this.permits = annotation.permits();
            this.source = annotation.key();
            this.keyParameter = InterceptorBindings.markedParameter(method, RateLimitKey.class);
            if (source == RateLimited.KeySource.PARAMETER && keyParameter < 0) {
                throw new IllegalStateException("@RateLimited(key = PARAMETER) on " + method + " needs a parameter marked @RateLimitKey");
            }
            this.resolver = source == RateLimited.KeySource.RESOLVER ? resolvers.apply(annotation.resolver()) : null;
        }

        String key(Object[] parameters, Caller caller) {
            return switch (source) {
                case GLOBAL -> NO_KEY;
                case PRINCIPAL -> "user:" + caller.principal().orElse(ANONYMOUS);
                case IP -> "ip:" + caller.remoteAddress()
                        .map(address -> proxies.clientAddress(address, caller.forwardedFor().orElse(null)))
                        .orElseThrow(() -> new IllegalStateException("@RateLimited(key = IP) on " + method
                                + " needs an HTTP request, and this call has none"));
                case PARAMETER -> "arg:" + parameters[keyParameter];
                case RESOLVER -> {
                    String key = resolver.key(method, parameters);
                    yield "key:" + (key == null ? NO_KEY : key);
                }
            };
        }
    }
}
