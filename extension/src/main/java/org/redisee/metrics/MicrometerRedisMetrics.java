package org.redisee.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/**
 * Adapter to Micrometer (WildFly's micrometer subsystem, or any registry). Loaded only when Micrometer is present.
 * It uses only the registry's {@code gauge/counter/timer(name, tags)} methods: WildFly's per-deployment registry
 * forwards those to its Prometheus registry, but not meters built with {@code Meter.builder(..).register(..)}, and
 * its Micrometer module lacks HdrHistogram, which percentiles would need.
 */
final class MicrometerRedisMetrics implements RedisMetrics {

    private final MeterRegistry registry;
    private final List<Meter.Id> registered = new CopyOnWriteArrayList<>();
    /** Micrometer holds gauge sources weakly; these keep them alive until {@link #close()}. */
    private final List<DoubleSupplier> gaugeSources = new CopyOnWriteArrayList<>();

    MicrometerRedisMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void gauge(String name, String description, Map<String, String> tags, DoubleSupplier value) {
        gaugeSources.add(value);
        registry.gauge(name, tags(tags), value, DoubleSupplier::getAsDouble);
        Gauge gauge = registry.find(name).tags(tags(tags)).gauge();
        if (gauge != null) {
            registered.add(gauge.getId());
        }
    }

    @Override
    public Counter counter(String name, String description, Map<String, String> tags) {
        io.micrometer.core.instrument.Counter counter = registry.counter(name, tags(tags));
        registered.add(counter.getId());
        return counter::increment;
    }

    @Override
    public Timer timer(String name, String description, Map<String, String> tags) {
        io.micrometer.core.instrument.Timer timer = registry.timer(name, tags(tags));
        registered.add(timer.getId());
        return timer::record;
    }

    @Override
    public String backend() {
        return "Micrometer";
    }

    /**
     * Removes the meters as the registry lists them: WildFly's registry hands out wrappers, and only removing its own
     * meter objects reaches the server's registry, which would otherwise keep the application's classes alive.
     */
    @Override
    public void close() {
        registry.getMeters().stream().filter(meter -> registered.contains(meter.getId())).forEach(registry::remove);
        registered.clear();
        gaugeSources.clear();
    }

    private static Tags tags(Map<String, String> tags) {
        Tags result = Tags.empty();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            result = result.and(tag.getKey(), tag.getValue());
        }
        return result;
    }
}
