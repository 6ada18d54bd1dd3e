package org.redisee.client;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Settings from {@code Properties}, read through the same {@link Config} interface the validation code uses: for code
 * that runs without a MicroProfile Config implementation (a plain JVM, the JCache TCK), or to lay a JCache manager's
 * own properties over MicroProfile Config. Only strings are supported, which is all {@link ConfigValues} asks for.
 */
public final class PropertiesConfig implements Config {

    private final Map<String, String> values;
    private final String sourceName;
    private final Config fallback;

    private PropertiesConfig(Map<String, String> values, String sourceName, Config fallback) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.sourceName = sourceName;
        this.fallback = fallback;
    }

    /** The {@code redisee.*} entries of {@code layers}, later layers winning. */
    public static PropertiesConfig of(String sourceName, Properties... layers) {
        return over(null, sourceName, layers);
    }

    /** Like {@link #of}, with {@code fallback} (MicroProfile Config) for the keys the layers do not set. */
    public static PropertiesConfig over(Config fallback, String sourceName, Properties... layers) {
        Map<String, String> values = new TreeMap<>();
        for (Properties layer : layers) {
            if (layer != null) {
                for (String name : layer.stringPropertyNames()) {
                    if (name.startsWith(RedisClientSettingsReader.PREFIX)) {
                        values.put(name, layer.getProperty(name));
                    }
                }
            }
        }
        return new PropertiesConfig(values, sourceName, fallback);
    }

    @Override
    public <T> T getValue(String propertyName, Class<T> propertyType) {
        return getOptionalValue(propertyName, propertyType)
                .orElseThrow(() -> new NoSuchElementException(propertyName + " is not set"));
    }

    @Override
    public ConfigValue getConfigValue(String propertyName) {
        if (fallback != null && !values.containsKey(propertyName)) {
            return fallback.getConfigValue(propertyName);
        }
        String value = values.get(propertyName);
        return new ConfigValue() {
            @Override
            public String getName() {
                return propertyName;
            }

            @Override
            public String getValue() {
                return value;
            }

            @Override
            public String getRawValue() {
                return value;
            }

            @Override
            public String getSourceName() {
                return value == null ? null : sourceName;
            }

            @Override
            public int getSourceOrdinal() {
                return 0;
            }
        };
    }

    @Override
    public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
        if (propertyType != String.class) {
            throw new IllegalArgumentException("Only String values are supported here, not " + propertyType.getName());
        }
        if (fallback != null && !values.containsKey(propertyName)) {
            return fallback.getOptionalValue(propertyName, String.class).map(propertyType::cast);
        }
        return Optional.ofNullable(values.get(propertyName)).map(propertyType::cast);
    }

    @Override
    public Iterable<String> getPropertyNames() {
        if (fallback == null) {
            return values.keySet();
        }
        Set<String> names = new TreeSet<>(values.keySet());
        fallback.getPropertyNames().forEach(names::add);
        return names;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("Cannot unwrap to " + type.getName());
    }
}
