package org.redisee.client;

import org.redisee.metrics.RedisMetrics;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Redisson client owned by the application: its settings, its {@link RedisCircuit}, and the probe that keeps
 * the circuit and {@link #status()} current. Created once per application and closed on undeploy.
 */
public final class ManagedRedisClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ManagedRedisClient.class.getName());

    private final RedisClientSettings settings;
    private final RedissonClient redisson;
    private final RedisCircuit circuit;
    private final RedisStatusProbe probe;
    private final ScheduledExecutorService scheduler;
    private final Duration healthInterval;
    private final Duration probeInterval;
    private final RedisMetrics.Timer pingTimer;
    private final RedisMetrics.Counter unavailable;
    private volatile RedisStatus status;
    private ScheduledFuture<?> nextProbe;
    private boolean closed;

    private ManagedRedisClient(RedisClientSettings settings, RedissonClient redisson, Config config,
                               ScheduledExecutorService scheduler, ProbeTiming timing, RedisMetrics metrics) {
        this.settings = settings;
        this.redisson = redisson;
        this.scheduler = scheduler;
        this.healthInterval = timing.healthInterval();
        this.probeInterval = timing.probeInterval();
        this.circuit = new RedisCircuit(this::onCircuitOpen);
        this.probe = new RedisStatusProbe(settings, redisson, config, timing.pingTimeout());
        this.status = RedisStatus.notYetChecked(settings);
        Map<String, String> tags = Map.of("client", settings.name());
        metrics.gauge("redisee.client.connected", "1 while the client reaches Redis, 0 while it cannot", tags,
                () -> circuit.isOpen() ? 0 : 1);
        this.pingTimer = metrics.timer("redisee.client.ping", "Latency of the health PING to each master", tags);
        this.unavailable = metrics.counter("redisee.client.unavailable", "Times Redis became unreachable", tags);
    }

    /** How often the probe pings, and for how long it waits. */
    public record ProbeTiming(Duration healthInterval, Duration probeInterval, Duration pingTimeout) {
    }

    /**
     * Creates the Redisson client and runs a first probe. With {@code fail-fast} an unreachable Redis is an error;
     * otherwise the client connects lazily and the circuit stays open until Redis answers.
     */
    static ManagedRedisClient start(RedisClientSettings settings, ScheduledExecutorService scheduler,
                                    ProbeTiming timing, RedisMetrics metrics) {
        Config config = RedissonConfigFactory.create(settings);
        RedissonClient redisson;
        try {
            redisson = Redisson.create(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis client '" + settings.name() + "' cannot connect to "
                    + settings.describe() + " and " + RedisClientSettingsReader.prefix(settings.name())
                    + "fail-fast=true: " + RedisCircuit.describe(e) + tlsHint(settings, RedisCircuit.describe(e)), e);
        }
        ManagedRedisClient client;
        try {
            client = new ManagedRedisClient(settings, redisson, config, scheduler, timing, metrics);
        } catch (RuntimeException | Error e) {
            redisson.shutdown(); // for example a metrics system that fails to register meters
            throw e;
        }
        RedisStatus first = client.check();
        if (!first.reachable()) {
            if (settings.failFast()) {
                client.close();
                throw new IllegalStateException("Redis client '" + settings.name() + "' cannot reach "
                        + settings.describe() + " and " + RedisClientSettingsReader.prefix(settings.name())
                        + "fail-fast=true: " + first.reason() + tlsHint(settings, first.reason()));
            }
            LOG.warning("Redis client '" + settings.name() + "' cannot reach " + settings.describe()
                    + " yet (" + first.reason() + "); the application starts anyway, readiness reports DOWN,"
                    + " and the client connects by itself once Redis is up");
        } else {
            LOG.info("Redis client '" + settings.name() + "' connected to " + settings.describe());
        }
        client.scheduleProbe(first.reachable() ? client.healthInterval : client.probeInterval);
        return client;
    }

    /**
     * A server that requires client certificates ({@code tls-auth-clients yes}) completes the TLS 1.3 handshake and
     * closes the connection only when the first command arrives, so the client sees a timeout rather than the TLS alert
     * (which Redisson logs on its own). Name the likely cause when no client certificate is configured.
     */
    private static String tlsHint(RedisClientSettings settings, String reason) {
        boolean tls = settings.nodes().stream().anyMatch(RedisAddress::tls);
        boolean timeout = reason.toLowerCase(java.util.Locale.ROOT).contains("timeout") || reason.contains("no answer");
        return tls && timeout && settings.tls().keystore().isEmpty()
                ? " (with rediss://, a timeout can also mean that the server requires a client certificate, tls-auth-clients"
                + " yes: set " + RedisClientSettingsReader.prefix(settings.name()) + "tls.keystore)"
                : "";
    }

    public String name() {
        return settings.name();
    }

    public RedisClientSettings settings() {
        return settings;
    }

    public RedissonClient redisson() {
        return redisson;
    }

    public RedisCircuit circuit() {
        return circuit;
    }

    /** The result of the latest probe. */
    public RedisStatus status() {
        return status;
    }

    /** Probes now, updating the circuit and {@link #status()}. */
    public RedisStatus check() {
        RedisStatus result;
        try {
            result = probe.probe();
        } finally {
            NettyState.clearThreadLocals(); // the health check and start-up probe run on the server's threads
        }
        status = result;
        if (result.reachable()) {
            result.latency().ifPresent(pingTimer::record);
            if (circuit.isOpen()) {
                LOG.info("Redis client '" + settings.name() + "' reaches " + settings.describe() + " again");
            }
            circuit.close();
        } else {
            circuit.open(result.reason());
        }
        return result;
    }

    private void onCircuitOpen() {
        unavailable.increment();
        scheduleProbe(probeInterval);
    }

    private synchronized void scheduleProbe(Duration delay) {
        if (closed) {
            return;
        }
        if (nextProbe != null) {
            nextProbe.cancel(false);
        }
        nextProbe = scheduler.schedule(this::probeAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeAndReschedule() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Probe of Redis client '" + settings.name() + "' failed", e);
        } finally {
            scheduleProbe(circuit.isOpen() ? probeInterval : healthInterval);
        }
    }

    /** Stops probing and shuts Redisson down, releasing its connections and threads. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (nextProbe != null) {
                nextProbe.cancel(false);
            }
        }
        if (!redisson.isShutdown()) {
            redisson.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
