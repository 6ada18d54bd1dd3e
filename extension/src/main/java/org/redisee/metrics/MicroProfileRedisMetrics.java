package org.redisee.metrics;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/** Adapter to MicroProfile Metrics 5 (Payara). Loaded only when that API is present. */
final class MicroProfileRedisMetrics implements RedisMetrics {

    private final MetricRegistry registry;
    private final List<MetricID> registered = new CopyOnWriteArrayList<>();

    MicroProfileRedisMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void gauge(String name, String description, Map<String, String> tags, DoubleSupplier value) {
        Tag[] mpTags = tags(tags);
        registry.gauge(metadata(name, description), value, DoubleSupplier::getAsDouble, mpTags);
        registered.add(new MetricID(name, mpTags));
    }

    @Override
    public Counter counter(String name, String description, Map<String, String> tags) {
        Tag[] mpTags = tags(tags);
        org.eclipse.microprofile.metrics.Counter counter = registry.counter(metadata(name, description), mpTags);
        registered.add(new MetricID(name, mpTags));
        return counter::inc;
    }

    @Override
    public Timer timer(String name, String description, Map<String, String> tags) {
        Tag[] mpTags = tags(tags);
        org.eclipse.microprofile.metrics.Timer timer = registry.timer(metadata(name, description), mpTags);
        registered.add(new MetricID(name, mpTags));
        return timer::update;
    }

    @Override
    public String backend() {
        return "MicroProfile Metrics";
    }

    @Override
    public void close() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    private static Metadata metadata(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    private static Tag[] tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toArray(Tag[]::new);
    }
}
