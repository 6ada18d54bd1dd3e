package org.redisee.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/** Adapter to Micrometer (WildFly's micrometer subsystem, or any registry). Loaded only when Micrometer is present. */
final class MicrometerRedisMetrics implements RedisMetrics {

    private final MeterRegistry registry;
    private final List<Meter> registered = new CopyOnWriteArrayList<>();

    MicrometerRedisMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void gauge(String name, String description, Map<String, String> tags, DoubleSupplier value) {
        registered.add(Gauge.builder(name, value::getAsDouble).description(description).tags(tags(tags)).register(registry));
    }

    @Override
    public Counter counter(String name, String description, Map<String, String> tags) {
        io.micrometer.core.instrument.Counter counter = io.micrometer.core.instrument.Counter.builder(name)
                .description(description).tags(tags(tags)).register(registry);
        registered.add(counter);
        return counter::increment;
    }

    @Override
    public Timer timer(String name, String description, Map<String, String> tags) {
        io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder(name)
                .description(description).tags(tags(tags)).publishPercentiles(0.5, 0.99).register(registry);
        registered.add(timer);
        return timer::record;
    }

    @Override
    public String backend() {
        return "Micrometer";
    }

    @Override
    public void close() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    private static Tags tags(Map<String, String> tags) {
        Tags result = Tags.empty();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            result = result.and(tag.getKey(), tag.getValue());
        }
        return result;
    }
}
