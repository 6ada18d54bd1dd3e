package org.redisee.client;

import org.redisee.metrics.RedisMetrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's Redis clients by name. Injectable ({@code @Inject RedisClients}) for code that needs a client's
 * circuit or status. Starting and closing are driven by the portable extension.
 */
public final class RedisClients implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisClients.class.getName());

    private final Map<String, ManagedRedisClient> clients = Collections.synchronizedMap(new LinkedHashMap<>());
    private final ScheduledExecutorService scheduler;
    private final ManagedRedisClient.ProbeTiming timing;
    private volatile RedisMetrics metrics = RedisMetrics.NONE;

    /** Creates an empty registry; no thread starts before {@link #start}. */
    public RedisClients(ManagedRedisClient.ProbeTiming timing, String threadName) {
        this.timing = timing;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts one client per settings, recording their meters through {@code metrics}. If any fails (fail-fast), the
     * ones already started are closed and the failure is thrown with every client's reason.
     */
    public void start(Collection<RedisClientSettings> settings, RedisMetrics metrics) {
        this.metrics = metrics;
        List<String> failures = new ArrayList<>();
        try {
            for (RedisClientSettings s : settings) {
                try {
                    clients.put(s.name(), ManagedRedisClient.start(s, scheduler, timing, metrics));
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                }
            }
        } catch (Error e) {
            close(); // a linkage error must not leave the clients started so far running
            throw e;
        } finally {
            NettyState.clearThreadLocals();
        }
        if (!failures.isEmpty()) {
            close();
            throw new IllegalStateException(String.join("\n", failures));
        }
    }

    /** The client with this name; fails with the configured names when there is none. */
    public ManagedRedisClient client(String name) {
        ManagedRedisClient client = clients.get(name);
        if (client == null) {
            throw new IllegalArgumentException("No Redis client named '" + name + "'. Configured clients: " + names()
                    + ". Configure it with " + RedisClientSettingsReader.prefix(name) + "url (or another topology key).");
        }
        return client;
    }

    public Set<String> names() {
        synchronized (clients) {
            return Set.copyOf(clients.keySet());
        }
    }

    public Collection<ManagedRedisClient> all() {
        synchronized (clients) {
            return List.copyOf(clients.values());
        }
    }

    public RedisMetrics metrics() {
        return metrics;
    }

    /** Shuts every client down, stops the probe thread and removes the meters. */
    @Override
    public void close() {
        try {
            closeAll();
        } finally {
            NettyState.clearThreadLocals();
        }
    }

    private void closeAll() {
        for (ManagedRedisClient client : all()) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Closing Redis client '" + client.name() + "' failed", e);
            }
        }
        clients.clear();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
        NettyState.awaitGlobalExecutorEnd();
    }
}
