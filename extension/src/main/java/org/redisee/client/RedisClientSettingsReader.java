package org.redisee.client;

import org.eclipse.microprofile.config.Config;
import org.redisee.Redis;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.Codec;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Protocol;
import org.redisson.config.ReadMode;
import org.redisson.config.SslVerificationMode;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads and validates client settings from MicroProfile Config. The default client uses {@code redisee.<key>}, a named
 * client {@code redisee.client.<name>.<key>}, with the same keys and defaults.
 */
public final class RedisClientSettingsReader {

    public static final String PREFIX = "redisee.";
    static final String NAMED_PREFIX = PREFIX + "client.";
    static final String DEFAULT_URL = "redis://localhost:6379";

    /** Topology keys: exactly one of them may be set per client. */
    static final Map<String, RedisClientSettings.Topology> TOPOLOGY_KEYS = orderedMap(
            "url", RedisClientSettings.Topology.SINGLE,
            "cluster.nodes", RedisClientSettings.Topology.CLUSTER,
            "sentinel.nodes", RedisClientSettings.Topology.SENTINEL,
            "replicated.nodes", RedisClientSettings.Topology.REPLICATED,
            "redisson-config", RedisClientSettings.Topology.REDISSON_YAML);

    /** Every key a client takes; anything else under a client's prefix is a typo and fails the deployment. */
    static final Set<String> CLIENT_KEYS = Set.of(
            "url", "cluster.nodes", "sentinel.nodes", "sentinel.master", "sentinel.username", "sentinel.password",
            "replicated.nodes", "redisson-config", "username", "password", "database", "connect-timeout", "timeout",
            "retry-attempts", "retry-delay", "pool.size", "pool.min-idle", "subscription.pool.size", "threads",
            "netty-threads", "read-mode", "client-name", "codec", "protocol", "tls.truststore",
            "tls.truststore-password", "tls.keystore", "tls.keystore-password", "tls.verify", "fail-fast");

    /** Keys that still apply when a Redisson YAML defines the client. */
    static final Set<String> YAML_COMPATIBLE_KEYS = Set.of("redisson-config", "codec", "fail-fast");

    /**
     * Prefixes under {@code redisee.} that belong to other capabilities, which validate their own keys; everything
     * else directly under {@code redisee.} is a default-client key.
     */
    static final Set<String> OTHER_PREFIXES = Set.of(
            "client.", "cache.", "jcache.", "ratelimit.", "session.", "topic.", "lock.", "key-prefix", "node-id");

    private static final Map<String, ReadMode> READ_MODES = orderedMap(
            "master", ReadMode.MASTER, "replica", ReadMode.SLAVE, "master-replica", ReadMode.MASTER_SLAVE);
    private static final Map<String, Protocol> PROTOCOLS = orderedMap("resp2", Protocol.RESP2, "resp3", Protocol.RESP3);
    private static final Map<String, SslVerificationMode> TLS_VERIFY = orderedMap(
            "strict", SslVerificationMode.STRICT, "ca-only", SslVerificationMode.CA_ONLY, "none", SslVerificationMode.NONE);

    private final ConfigValues values;
    private final ClassLoader classLoader;

    public RedisClientSettingsReader(ConfigValues values, ClassLoader classLoader) {
        this.values = values;
        this.classLoader = classLoader;
    }

    /** The key prefix of a client: {@code redisee.} for the default client, {@code redisee.client.<name>.} otherwise. */
    public static String prefix(String clientName) {
        return Redis.DEFAULT.equals(clientName) ? PREFIX : NAMED_PREFIX + clientName + ".";
    }

    /**
     * The clients that configuration defines: {@code default} when any client key is set under {@code redisee.},
     * and every {@code <name>} that appears in a {@code redisee.client.<name>.*} key.
     */
    public static Set<String> configuredClients(Config config) {
        Set<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(NAMED_PREFIX)) {
                int end = property.indexOf('.', NAMED_PREFIX.length());
                if (end > NAMED_PREFIX.length()) {
                    names.add(property.substring(NAMED_PREFIX.length(), end));
                }
            } else if (property.startsWith(PREFIX) && CLIENT_KEYS.contains(property.substring(PREFIX.length()))) {
                names.add(Redis.DEFAULT);
            }
        }
        // Environment variables (REDISEE_URL) are not listed as dotted names; ask for them directly.
        if (TOPOLOGY_KEYS.keySet().stream().anyMatch(k -> config.getOptionalValue(PREFIX + k, String.class).isPresent())) {
            names.add(Redis.DEFAULT);
        }
        return names;
    }

    /** Keys that apply to all clients. */
    static final Set<String> GLOBAL_KEYS = Set.of(
            "health.interval", "health.timeout", "circuit.probe-interval", "metrics.backend");

    /** How often clients are probed: {@code redisee.health.interval}, {@code .timeout}, {@code circuit.probe-interval}. */
    public ManagedRedisClient.ProbeTiming probeTiming() {
        Duration interval = values.duration(PREFIX + "health.interval", Duration.ofSeconds(5));
        Duration timeout = values.duration(PREFIX + "health.timeout", Duration.ofSeconds(1));
        Duration probe = values.duration(PREFIX + "circuit.probe-interval", Duration.ofMillis(500));
        return new ManagedRedisClient.ProbeTiming(interval, probe, timeout);
    }

    /**
     * Reports keys under a client prefix that no client takes, with the closest known key as a hint. Environment
     * variables are left out: {@code REDISEE_*} variables of other tools cannot be told apart from typos.
     */
    public void checkUnknownKeys() {
        for (String property : values.config().getPropertyNames()) {
            String suffix = clientKeySuffix(property);
            if (suffix != null && !CLIENT_KEYS.contains(suffix) && !fromEnvironment(property)) {
                String hint = closest(suffix).map(k -> "; did you mean '" + property.substring(0, property.length() - suffix.length()) + k + "'?").orElse(".");
                values.problem(property + " is not a RedisEE client key" + hint
                        + " Client keys are: " + String.join(", ", new TreeSet<>(CLIENT_KEYS)));
            }
        }
    }

    private boolean fromEnvironment(String property) {
        String source = values.config().getConfigValue(property).getSourceName();
        return source != null && source.toLowerCase(java.util.Locale.ROOT).contains("env");
    }

    private static String clientKeySuffix(String property) {
        if (property.startsWith(NAMED_PREFIX)) {
            int end = property.indexOf('.', NAMED_PREFIX.length());
            return end < 0 ? null : property.substring(end + 1);
        }
        if (property.startsWith(PREFIX)) {
            String suffix = property.substring(PREFIX.length());
            return GLOBAL_KEYS.contains(suffix) || OTHER_PREFIXES.stream().anyMatch(suffix::startsWith) ? null : suffix;
        }
        return null;
    }

    private static Optional<String> closest(String key) {
        return java.util.stream.Stream.concat(CLIENT_KEYS.stream(), GLOBAL_KEYS.stream())
                .filter(k -> editDistance(k, key) <= 3)
                .min(Comparator.comparingInt(k -> editDistance(k, key)));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }

    /** Reads one client. Problems are recorded in the {@link ConfigValues}; the caller throws once for all of them. */
    public RedisClientSettings read(String name) {
        String p = prefix(name);
        List<String> topologyKeysSet = TOPOLOGY_KEYS.keySet().stream()
                .filter(k -> values.string(p + k).isPresent())
                .collect(Collectors.toList());
        if (topologyKeysSet.size() > 1) {
            values.problem(topologyKeysSet.stream().map(k -> p + k).collect(Collectors.joining(" and "))
                    + (topologyKeysSet.size() == 2 ? " are both set" : " are all set")
                    + ": a client has exactly one topology; set only one of "
                    + TOPOLOGY_KEYS.keySet().stream().map(k -> p + k).collect(Collectors.joining(", ")));
        }
        if (topologyKeysSet.isEmpty() && !Redis.DEFAULT.equals(name)) {
            values.problem("Redis client '" + name + "' has no address: set one of "
                    + TOPOLOGY_KEYS.keySet().stream().map(k -> p + k).collect(Collectors.joining(", ")));
        }
        String topologyKey = topologyKeysSet.isEmpty() ? "url" : topologyKeysSet.get(0);

        RedisClientSettings.Topology topology = TOPOLOGY_KEYS.get(topologyKey);
        List<RedisAddress> nodes = new ArrayList<>();
        Optional<URL> redissonConfig = Optional.empty();
        Optional<String> urlUser = Optional.empty();
        Optional<String> urlPassword = Optional.empty();
        Optional<Integer> urlDatabase = Optional.empty();
        switch (topology) {
            case REDISSON_YAML:
                redissonConfig = resource(p + topologyKey);
                break;
            case CLUSTER:
            case SENTINEL:
            case REPLICATED:
                nodes.addAll(nodes(p + topologyKey));
                break;
            default:
                String url = values.string(p + "url", DEFAULT_URL);
                Optional<RedisAddress> address = RedisAddress.parseUrl(p + "url", url, values);
                address.ifPresent(nodes::add);
                urlUser = address.flatMap(RedisAddress::username);
                urlPassword = address.flatMap(RedisAddress::password);
                urlDatabase = address.flatMap(RedisAddress::database);
        }
        if (topology == RedisClientSettings.Topology.REDISSON_YAML) {
            CLIENT_KEYS.stream()
                    .filter(k -> !YAML_COMPATIBLE_KEYS.contains(k) && values.string(p + k).isPresent())
                    .sorted()
                    .forEach(k -> values.problem(p + k + " has no effect with " + p + "redisson-config: set it in the Redisson YAML instead"));
        }
        if (nodes.stream().map(RedisAddress::tls).distinct().count() > 1) {
            values.problem(p + topologyKey, values.string(p + topologyKey, ""), "all nodes with redis:// or all with rediss://, not a mix");
        }

        Optional<String> sentinelMaster = values.string(p + "sentinel.master");
        if (topology == RedisClientSettings.Topology.SENTINEL && sentinelMaster.isEmpty()) {
            values.problem(p + "sentinel.master is required with " + p + "sentinel.nodes: set it to the master name the sentinels monitor (for example mymaster)");
        }
        if (topology != RedisClientSettings.Topology.SENTINEL) {
            for (String sentinelKey : List.of("sentinel.master", "sentinel.username", "sentinel.password")) {
                if (values.string(p + sentinelKey).isPresent()) {
                    values.problem(p + sentinelKey + " is set but " + p + "sentinel.nodes is not: set the sentinel addresses too");
                }
            }
        }

        int database = values.integer(p + "database", urlDatabase.orElse(0), 0, Integer.MAX_VALUE);
        if (topology == RedisClientSettings.Topology.CLUSTER && database != 0) {
            values.problem(p + "database", String.valueOf(database), "0: Redis Cluster has only database 0");
        }
        int poolSize = values.integer(p + "pool.size", 32, 1, 10_000);
        int poolMinIdle = values.integer(p + "pool.min-idle", Math.min(4, poolSize), 0, 10_000);
        if (poolMinIdle > poolSize) {
            values.problem(p + "pool.min-idle", String.valueOf(poolMinIdle), "at most " + p + "pool.size (" + poolSize + ")");
        }
        String clientName = values.string(p + "client-name", "redisee-" + name);
        if (clientName.chars().anyMatch(c -> c <= ' ')) {
            values.problem(p + "client-name", clientName, "a name without spaces (Redis CLIENT SETNAME refuses them)");
        }
        RedisClientSettings.Tls tls = tls(p, nodes);

        return new RedisClientSettings(
                name, topology, List.copyOf(nodes), sentinelMaster,
                values.string(p + "sentinel.username"), values.string(p + "sentinel.password"),
                redissonConfig,
                explicitOr(p + "username", urlUser),
                explicitOr(p + "password", urlPassword),
                database,
                values.duration(p + "connect-timeout", Duration.ofSeconds(10)),
                values.duration(p + "timeout", Duration.ofSeconds(3)),
                values.integer(p + "retry-attempts", 3, 0, 100),
                values.duration(p + "retry-delay", Duration.ofMillis(500)),
                poolSize, poolMinIdle,
                values.integer(p + "subscription.pool.size", 16, 1, 10_000),
                values.integer(p + "threads", 8, 1, 1_000),
                values.integer(p + "netty-threads", 8, 1, 1_000),
                values.choice(p + "read-mode", ReadMode.MASTER, READ_MODES),
                clientName,
                codec(p + "codec"),
                values.choice(p + "protocol", Protocol.RESP2, PROTOCOLS),
                tls,
                values.bool(p + "fail-fast", false));
    }

    /** The value of {@code key} if set, else the one the URL carried. */
    private Optional<String> explicitOr(String key, Optional<String> fromUrl) {
        Optional<String> explicit = values.string(key);
        return explicit.isPresent() ? explicit : fromUrl;
    }

    private List<RedisAddress> nodes(String key) {
        List<String> entries = values.list(key);
        if (entries.isEmpty() && values.string(key).isPresent()) {
            return List.of();
        }
        List<RedisAddress> nodes = new ArrayList<>();
        for (String entry : entries) {
            RedisAddress.parseNode(key, entry, values).ifPresent(nodes::add);
        }
        return nodes;
    }

    private RedisClientSettings.Tls tls(String p, List<RedisAddress> nodes) {
        Optional<URL> truststore = resource(p + "tls.truststore");
        Optional<URL> keystore = resource(p + "tls.keystore");
        boolean tlsAddress = nodes.stream().anyMatch(RedisAddress::tls);
        if ((truststore.isPresent() || keystore.isPresent()) && !nodes.isEmpty() && !tlsAddress) {
            values.problem(p + "tls.* is set but the address uses redis://: use rediss:// to connect with TLS");
        }
        SslVerificationMode verification = values.choice(p + "tls.verify", SslVerificationMode.STRICT, TLS_VERIFY);
        if (verification == SslVerificationMode.NONE && truststore.isPresent()) {
            // Redisson would still check the chain against it: "none" would silently mean "ca-only".
            values.problem(p + "tls.truststore is set but " + p + "tls.verify=none checks no certificate:"
                    + " remove the trust store, or use tls.verify=ca-only or strict to check against it");
        }
        return new RedisClientSettings.Tls(truststore, values.string(p + "tls.truststore-password"),
                keystore, values.string(p + "tls.keystore-password"), verification);
    }

    /** A file path, a {@code classpath:} resource of the application, or a URL; it must exist. */
    private Optional<URL> resource(String key) {
        Optional<String> raw = values.string(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String value = raw.get();
        String expected = "an existing file path, classpath:<resource> or file: URL";
        if (value.startsWith("classpath:")) {
            URL url = classLoader.getResource(value.substring("classpath:".length()).replaceFirst("^/", ""));
            if (url == null) {
                values.problem(key, value, expected + " (no such resource on the application's class path)");
            }
            return Optional.ofNullable(url);
        }
        try {
            File file = value.contains(":/") ? null : new File(value);
            URL url = file != null ? file.toURI().toURL() : new URL(value);
            if ("file".equals(url.getProtocol()) && !new File(url.getPath()).isFile()) {
                values.problem(key, value, expected + " (no such file)");
                return Optional.empty();
            }
            return Optional.of(url);
        } catch (MalformedURLException | IllegalArgumentException e) {
            values.problem(key, value, expected);
            return Optional.empty();
        }
    }

    /**
     * The value codec. {@code string} is the default: values are plain text anyone can read with redis-cli, and no
     * class is ever instantiated from data in Redis. Kryo or Java serialization can be chosen by class name, knowingly.
     */
    private Codec codec(String key) {
        String value = values.string(key, "string");
        switch (value) {
            case "string": return StringCodec.INSTANCE;
            case "bytes": return ByteArrayCodec.INSTANCE;
            default:
                try {
                    Class<?> type = Class.forName(value, true, classLoader);
                    if (!Codec.class.isAssignableFrom(type)) {
                        values.problem(key, value, "string, bytes, or the class name of an org.redisson.client.codec.Codec (" + value + " is not a Codec)");
                        return StringCodec.INSTANCE;
                    }
                    return (Codec) type.getConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    values.problem(key, value, "string, bytes, or the class name of an org.redisson.client.codec.Codec with a public no-argument constructor (" + e + ")");
                    return StringCodec.INSTANCE;
                }
        }
    }

    private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value);
        }
        return map;
    }
}
