package org.redisee.lock;

import jakarta.interceptor.InvocationContext;
import org.redisee.InterceptorBindings;
import org.redisee.client.ConfigValues;
import org.redisee.client.RedisClients;
import org.redisee.client.RedisKeys;
import org.redisee.metrics.RedisMetrics;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What {@link Locked} does, apart from the container: takes the method's lock in Redis
 * ({@code <key-prefix>:lock:{<name>[:<key>]}}), runs the method, releases the lock. Skips or throws when the lock is
 * held elsewhere for longer than the method waits, or when a run started within {@code atMostEvery} (marked by
 * {@code <lock key>:ran}, which expires then).
 */
public final class LockOperations {

    private static final Logger LOG = Logger.getLogger(LockOperations.class.getName());

    private final Supplier<RedisClients> clients;
    private final String client;
    private final String keyPrefix;
    private final Map<Method, LockedMethod> methods = new ConcurrentHashMap<>();

    /** @param clients the running clients, asked at each call: locks are taken only once the application runs */
    public LockOperations(Supplier<RedisClients> clients, String client, String keyPrefix) {
        this.clients = clients;
        this.client = client;
        this.keyPrefix = keyPrefix + ":lock:";
    }

    /** {@code redisee.lock.client}, the only lock key; others under {@code redisee.lock.} are problems. */
    public static String client(ConfigValues values) {
        String key = org.redisee.client.RedisClientSettingsReader.PREFIX + "lock.";
        for (String property : values.config().getPropertyNames()) {
            if (property.startsWith(key) && !property.equals(key + "client")) {
                values.problem(property + " is not a RedisEE lock key; the only one is " + key + "client");
            }
        }
        return values.string(key + "client", org.redisee.Redis.DEFAULT);
    }

    public Object locked(InvocationContext context) throws Exception {
        LockedMethod method = methods.computeIfAbsent(context.getMethod(), m -> new LockedMethod(m, InterceptorBindings.binding(context, Locked.class)));
        String name = method.lockName(context.getParameters());
        RedissonClient redisson = clients.get().client(client).redisson();
        String key = keyPrefix + "{" + RedisKeys.hashTagSafe(name) + "}";
        RLock lock = redisson.getLock(key);
        boolean acquired = method.lease == null
                ? lock.tryLock(method.wait.toMillis(), TimeUnit.MILLISECONDS)
                : lock.tryLock(method.wait.toMillis(), method.lease.toMillis(), TimeUnit.MILLISECONDS);
        if (acquired && method.atMostEvery != null && !redisson.getBucket(key + ":ran", StringCodec.INSTANCE)
                .setIfAbsent(String.valueOf(System.currentTimeMillis()), method.atMostEvery)) {
            lock.unlock(); // a run started less than atMostEvery ago
            acquired = false;
        }
        if (!acquired) {
            method.skipped.increment();
            if (context.getMethod().getReturnType() == void.class) {
                LOG.fine(() -> "Lock " + name + " is held elsewhere: " + context.getMethod() + " skipped");
                return null;
            }
            throw new LockUnavailableException(name, method.wait);
        }
        method.acquired.increment();
        try {
            return context.proceed();
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    private final class LockedMethod {
        final String name;
        final Duration wait;
        final Duration lease;
        final Duration atMostEvery;
        final int keyParameter;
        final RedisMetrics.Counter acquired;
        final RedisMetrics.Counter skipped;

        LockedMethod(Method method, Locked annotation) {
            name = annotation.name().isEmpty() ? method.getDeclaringClass().getName() + "." + method.getName() : annotation.name();
            wait = duration(annotation.waitFor(), "waitFor", method);
            lease = annotation.lease().isBlank() ? null : duration(annotation.lease(), "lease", method);
            atMostEvery = annotation.atMostEvery().isBlank() ? null : duration(annotation.atMostEvery(), "atMostEvery", method);
            keyParameter = InterceptorBindings.markedParameter(method, LockKey.class);
            Map<String, String> tags = Map.of("lock", name);
            RedisMetrics metrics = clients.get().metrics();
            acquired = metrics.counter("redisee.lock.acquired", "Locked method runs", tags);
            skipped = metrics.counter("redisee.lock.skipped", "Locked method calls that did not get the lock", tags);
        }

        String lockName(Object[] parameters) {
            return keyParameter < 0 ? name : name + ":" + parameters[keyParameter];
        }

        private static Duration duration(String text, String member, Method method) {
            Duration parsed = ConfigValues.parseDuration(text);
            if (parsed == null || parsed.isNegative()) {
                throw new IllegalArgumentException("@Locked(" + member + " = \"" + text + "\") on " + method
                        + ": expected a duration: ISO-8601 (PT10S) or a number with a unit (500ms, 30s)");
            }
            return parsed;
        }
    }
}
