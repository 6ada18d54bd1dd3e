package org.redisee.metrics;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
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
        register(name, description, tags, (metadata, mpTags) ->
                registry.gauge(metadata, value, DoubleSupplier::getAsDouble, mpTags));
    }

    @Override
    public Counter counter(String name, String description, Map<String, String> tags) {
        return register(name, description, tags, registry::counter)::inc;
    }

    @Override
    public Timer timer(String name, String description, Map<String, String> tags) {
        return register(name, description, tags, registry::timer)::update;
    }

    /** Creates a metric and remembers its id, so {@link #close()} can remove it. */
    private <M> M register(String name, String description, Map<String, String> tags, BiFunction<Metadata, Tag[], M> create) {
        Tag[] mpTags = tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toArray(Tag[]::new);
        M metric = create.apply(Metadata.builder().withName(name).withDescription(description).build(), mpTags);
        registered.add(new MetricID(name, mpTags));
        return metric;
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
}
