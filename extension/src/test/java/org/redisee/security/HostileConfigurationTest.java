package org.redisee.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.redisee.TestContainer;
import org.redisee.lock.Locked;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every configuration key, with wrong types, out-of-range values and contradictory combinations: each case is a
 * deployment (a Weld container) that must fail with a message naming the key, and never showing a secret. The key
 * sets come from the settings readers themselves, so a key added without cases here fails
 * {@link #everyKeyHasCases()}.
 *
 * <p>Validation runs before any connection, so no Redis is needed; a case that is wrongly accepted deploys against an
 * address where nothing listens and is reported.
 */
class HostileConfigurationTest {

    /** Put in passwords and keys; must never appear in a failure. */
    private static final String SECRET = "s3cr3t-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String NOWHERE = "redis://127.0.0.1:1";
    /** A valid AES key, random per run: a secret too. */
    private static final String AES_KEY = Base64.getEncoder().encodeToString(
            UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.US_ASCII));
    private static final List<String> TOPOLOGY = List.of("url", "cluster.nodes", "sentinel.nodes", "replicated.nodes", "redisson-config");

    /**
     * Accepted today though arguably wrong: each deploys. Listed so that the count is honest and a fix shows up here
     * (the test fails when one of them starts failing the deployment, so it can move to the cases).
     */
    private static final Set<String> KNOWN_GAPS = Set.of();

    /** Keys that take any text, so no value is wrong; each still appears in the secret and typo cases. */
    private static final Map<String, String> FREE_TEXT = Map.of(
            "client:username", "any ACL user name",
            "client:password", "any password (checked: never shown)",
            "client:sentinel.username", "any ACL user name (refused without sentinel.nodes)",
            "client:sentinel.password", "any password (refused without sentinel.nodes)",
            "client:tls.truststore-password", "any password (checked: never shown)",
            "client:tls.keystore-password", "any password (checked: never shown)",
            "root:node-id", "any name");

    @ApplicationScoped
    public static class LockedWork {
        @Locked(name = "job")
        public void run() {
        }
    }

    /**
     * One hostile configuration. A {@code batchable} case sets one bad value of a key that no other key's reading
     * depends on, so several go into one deployment (each must still be named with its value); the others deploy alone.
     */
    /** Not a bean: nothing satisfies it. */
    public interface Nothing {
    }

    /**
     * Makes every deployment that passes RedisEE's validation fail right after it (an unsatisfied injection point),
     * so that an accepted configuration is detected without starting Redis clients.
     */
    @ApplicationScoped
    public static class Unsatisfied {
        @jakarta.inject.Inject Nothing nothing;
    }

    private record Case(String family, String label, Map<String, String> config, List<String> expected, boolean batchable) {
    }

    private final List<Case> cases = new ArrayList<>();

    // ---- the table ----

    private List<Case> allCases() {
        cases.clear();
        namedTopologies = 0;
        for (String p : List.of("redisee.", "redisee.client.orders.")) {
            clientCases(p);
        }
        globalCases();
        cacheCases();
        jcacheCases();
        rateLimitCases();
        sessionCases();
        topicCases();
        typoCases();
        secretCases();
        return List.copyOf(cases);
    }

    private void clientCases(String p) {
        String[][] urls = {
                {"http://localhost:6379", "scheme 'http' is not supported"},
                {"redis://localhost:99999", "1 to 65535"},
                {"redis://localhost:abc", "redis://[user:password@]host"},
                {"redis://localhost:6379/x", "database 'x'"},
                {"redis://localhost:6379/-1", "database '-1'"},
                {"redis://localhost:6379?timeout=1", "query strings"},
                {"redis://", "redis://[user:password@]host"},
                {"not a url", "redis://[user:password@]host"},
                {"redis://[::1", "redis://[user:password@]host"},
                {"redis://:" + SECRET + "@localhost:99999", "redis://:***@localhost:99999"},
                {"redis://app:" + SECRET + "@localhost:6379/x", "redis://app:***@localhost:6379/x"}};
        for (String[] url : urls) {
            String q = topologyPrefix(p);
            topology("client:url", q + "url=" + url[0], Map.of(q + "url", url[0]), q + "url='", url[1]);
        }
        String[][] nodes = {
                {"127.0.0.1:7000,,127.0.0.1:7001", "no empty entries"},
                {"http://127.0.0.1:7000", "scheme 'http'"},
                {"127.0.0.1:99999", "1 to 65535"},
                {"127.0.0.1:7000/2", "takes no database"},
                {"redis://127.0.0.1:7000,rediss://127.0.0.1:7001", "not a mix"},
                {"redis://u:" + SECRET + "@127.0.0.1:99999", "redis://u:***@127.0.0.1:99999"}};
        for (String key : List.of("cluster.nodes", "sentinel.nodes", "replicated.nodes")) {
            for (String[] node : nodes) {
                String q = topologyPrefix(p);
                Map<String, String> config = new HashMap<>(Map.of(q + key, node[0]));
                if (key.equals("sentinel.nodes")) {
                    config.put(q + "sentinel.master", "mymaster");
                }
                topology("client:" + key, q + key + "=" + node[0], config, q + key + "='", node[1]);
            }
        }
        add("client:sentinel.master", p + "sentinel.nodes without sentinel.master", Map.of(p + "sentinel.nodes", "127.0.0.1:26379"),
                p + "sentinel.master is required");
        add("client:sentinel.master", p + "sentinel.master without sentinel.nodes", Map.of(p + "sentinel.master", "mymaster"),
                p + "sentinel.master is set but " + p + "sentinel.nodes is not");
        add("client:url", p + "two topologies", Map.of(p + "url", NOWHERE, p + "cluster.nodes", "127.0.0.1:7000"),
                p + "url and " + p + "cluster.nodes are both set");
        add("client:url", p + "three topologies", Map.of(p + "url", NOWHERE, p + "cluster.nodes", "127.0.0.1:7000",
                p + "replicated.nodes", "127.0.0.1:7001"), "are all set");
        for (String[] resource : new String[][] {{"/nonexistent/redisson.yaml", "no such file"},
                {"classpath:no/such/redisson.yaml", "no such resource"}, {"nosuchscheme://x/y", "an existing file path"}}) {
            String q = topologyPrefix(p);
            topology("client:redisson-config", q + "redisson-config=" + resource[0], Map.of(q + "redisson-config", resource[0]),
                    q + "redisson-config='" + resource[0] + "'", resource[1]);
        }
        add("client:redisson-config", p + "redisson-config with timeout", Map.of(p + "redisson-config", "classpath:truststore.p12",
                p + "timeout", "5s"), p + "timeout has no effect with " + p + "redisson-config");
        integer("client:database", p + "database", 0, Integer.MAX_VALUE);
        add("client:database", p + "database with a cluster", Map.of(p + "cluster.nodes", "127.0.0.1:7000", p + "database", "3"),
                p + "database='3'", "only database 0");
        for (String key : List.of("connect-timeout", "timeout", "retry-delay")) {
            duration("client:" + key, p + key);
        }
        integer("client:retry-attempts", p + "retry-attempts", 0, 100);
        integer("client:pool.size", p + "pool.size", 1, 10_000);
        integer("client:pool.min-idle", p + "pool.min-idle", 0, 10_000);
        add("client:pool.min-idle", p + "pool.min-idle above pool.size", Map.of(p + "pool.size", "2", p + "pool.min-idle", "5"),
                p + "pool.min-idle='5'", "at most " + p + "pool.size (2)");
        integer("client:subscription.pool.size", p + "subscription.pool.size", 1, 10_000);
        integer("client:threads", p + "threads", 1, 1_000);
        integer("client:netty-threads", p + "netty-threads", 1, 1_000);
        choice("client:read-mode", p + "read-mode", "master, replica, master-replica");
        choice("client:protocol", p + "protocol", "resp2, resp3");
        choice("client:tls.verify", p + "tls.verify", "strict, ca-only, none");
        for (String name : List.of("my app", "tab\there")) {
            add("client:client-name", p + "client-name=" + name, Map.of(p + "client-name", name), p + "client-name='", "without spaces");
        }
        for (String[] codec : new String[][] {{"com.example.NoSuchCodec", "org.redisson.client.codec.Codec"},
                {"java.lang.String", "is not a Codec"}, {"org.redisson.client.codec.BaseCodec", "public no-argument constructor"}}) {
            add("client:codec", p + "codec=" + codec[0], Map.of(p + "codec", codec[0]), p + "codec='" + codec[0] + "'", codec[1]);
        }
        for (String key : List.of("tls.truststore", "tls.keystore")) {
            add("client:" + key, p + key + " missing", Map.of(p + "url", "rediss://127.0.0.1:1", p + key, "/nonexistent/store.p12"),
                    p + key + "='/nonexistent/store.p12'", "no such file");
            add("client:" + key, p + key + " with redis://", Map.of(p + key, "classpath:truststore.p12"),
                    p + "tls.* is set but the address uses redis://");
        }
        add("client:tls.verify", p + "tls.verify=none with a trust store", Map.of(p + "url", "rediss://127.0.0.1:1",
                p + "tls.truststore", "classpath:truststore.p12", p + "tls.verify", "none"),
                p + "tls.truststore is set but " + p + "tls.verify=none");
        bool("client:fail-fast", p + "fail-fast");
        if (p.equals("redisee.client.orders.")) {
            // a blank url is no url (and keeps deploy() from adding one)
            add("client:url", "named client without an address", Map.of(p + "timeout", "5s", p + "url", ""),
                    "Redis client 'orders' has no address", p + "url");
        }
        for (String key : List.of("sentinel.username", "sentinel.password")) {
            add("client:" + key, p + key + " without sentinel.nodes", Map.of(p + key, SECRET), p + key);
        }
    }

    private void globalCases() {
        for (String key : List.of("health.interval", "health.timeout", "circuit.probe-interval")) {
            duration("global:" + key, "redisee." + key);
        }
        choice("global:metrics.backend", "redisee.metrics.backend", "auto, microprofile, micrometer, none");
        for (String prefix : List.of("has space", "has{brace", "has}brace")) {
            add("root:key-prefix", "redisee.key-prefix=" + prefix, Map.of("redisee.key-prefix", prefix),
                    "redisee.key-prefix='" + prefix + "'", "without spaces or braces");
        }
        clientReference("root:lock.client", "redisee.lock.client", Map.of());
    }

    private void cacheCases() {
        String p = "redisee.cache.profiles.";
        for (String key : List.of("ttl", "max-idle", "lock-timeout")) {
            duration("cache:" + key, p + key);
        }
        duration("cache:near-cache.ttl", p + "near-cache.ttl", p + "near-cache", "true");
        integer("cache:near-cache.max-size", p + "near-cache.max-size", 1, 10_000_000, p + "near-cache", "true");
        for (String key : List.of("near-cache", "lock-on-miss", "fail-open", "cache-null")) {
            bool("cache:" + key, p + key);
        }
        clientReference("cache:client", p + "client", Map.of());
        for (String key : List.of("near-cache.ttl", "near-cache.max-size")) {
            add("cache:" + key, key + " without near-cache", Map.of(p + key, key.endsWith("ttl") ? "1m" : "10"),
                    p + key + " is set but " + p + "near-cache is not true");
        }
    }

    private void jcacheCases() {
        String p = "redisee.jcache.c.";
        Map<String, String> used = Map.of(p + "statistics", "true");
        clientReference("jcache:client", "redisee.jcache.client", used);
        for (String filter : List.of("maxdepth=abc", "maxarray=-1")) {
            add("jcache:serial-filter", "redisee.jcache.serial-filter=" + filter, Map.of("redisee.jcache.serial-filter", filter),
                    "redisee.jcache.serial-filter='" + filter + "'", "JDK serial filter patterns");
        }
        choice("jcache:expiry.policy", p + "expiry.policy", "eternal, created, accessed, modified, touched", p + "expiry.duration", "1m");
        duration("jcache:expiry.duration", p + "expiry.duration", p + "expiry.policy", "created");
        add("jcache:expiry.duration", "expiry.duration with the eternal policy", Map.of(p + "expiry.duration", "1m"),
                p + "expiry.duration is set, but " + p + "expiry.policy is eternal");
        add("jcache:expiry.policy", "expiry.policy without a duration", Map.of(p + "expiry.policy", "created"),
                p + "expiry.policy is created, which needs " + p + "expiry.duration");
        bool("jcache:statistics", p + "statistics");
        bool("jcache:management", p + "management");
        for (String key : List.of("read-through", "write-through")) {
            add("jcache:" + key, p + key + " names no bean", Map.of(p + key, "noSuchBean"), p + key, "noSuchBean");
        }
    }

    private void rateLimitCases() {
        String p = "redisee.ratelimit.api.";
        for (String value : List.of("0", "-1", "x", "2147483648", "1.5")) {
            add("ratelimit:limit", p + "limit=" + value, Map.of(p + "limit", value), p + "limit='" + value + "'", "whole number");
        }
        add("ratelimit:limit", "a limit without limit", Map.of(p + "window", "1m"), "Rate limit 'api'", "has no limit", p + "limit");
        duration("ratelimit:window", p + "window", p + "limit", "5");
        add("ratelimit:window", "window not whole milliseconds", Map.of(p + "limit", "5", p + "window", "PT0.0005S"),
                p + "window=", "not a whole number of milliseconds");
        add("ratelimit:window", "window too short for the limit", Map.of(p + "limit", "2000000", p + "window", "1s"),
                p + "window=", "too short for 2000000 permits");
        choice("ratelimit:algorithm", p + "algorithm", "", p + "limit", "5");
        bool("ratelimit:fail-open", p + "fail-open", p + "limit", "5");
        bool("ratelimit:response-headers", p + "response-headers", p + "limit", "5");
        clientReference("ratelimit:client", p + "client", Map.of(p + "limit", "5"));
        for (String proxies : List.of("10.0.0.0/33", "not-an-ip", "999.1.1.1", "10.0.0.1,,10.0.0.2")) {
            add("ratelimit-global:trusted-proxies", "trusted-proxies=" + proxies, Map.of("redisee.ratelimit.trusted-proxies", proxies),
                    "redisee.ratelimit.trusted-proxies='");
        }
        bool("ratelimit-global:response-headers", "redisee.ratelimit.response-headers", p + "limit", "5");
        add("ratelimit-global:response-headers", "redisee.ratelimit.response-headers=maybe without any limit",
                Map.of("redisee.ratelimit.response-headers", "maybe"), "redisee.ratelimit.response-headers='maybe'");
    }

    private void sessionCases() {
        String p = "redisee.session.";
        for (String key : List.of("enabled", "local-copy", "cookie.secure", "cookie.http-only")) {
            bool("session:" + key, p + key);
        }
        clientReference("session:client", p + "client", Map.of(p + "enabled", "true"));
        for (String key : List.of("timeout", "touch-interval", "expiry-sweep.interval")) {
            duration("session:" + key, p + key);
        }
        choice("session:save-mode", p + "save-mode", "");
        choice("session:flush-mode", p + "flush-mode", "");
        choice("session:overflow", p + "overflow", "");
        choice("session:cookie.same-site", p + "cookie.same-site", "");
        integer("session:local-copy.max-entries", p + "local-copy.max-entries", 1, Integer.MAX_VALUE);
        integer("session:max-per-principal", p + "max-per-principal", 0, Integer.MAX_VALUE);
        integer("session:expiry-sweep.batch", p + "expiry-sweep.batch", 1, 10_000);
        integer("session:cookie.max-age", p + "cookie.max-age", -1, Integer.MAX_VALUE);
        integer("session:max-attribute-size", p + "max-attribute-size", 1, 512 * 1024 * 1024);
        for (String filter : List.of("maxdepth=abc", "maxarray=-1")) {
            add("session:serial-filter", p + "serial-filter=" + filter, Map.of(p + "serial-filter", filter),
                    p + "serial-filter='" + filter + "'", "JDK serial filter patterns");
        }
        String[][] keys = {
                {"k1:" + SECRET, "Entry 1 of " + p + "encryption.keys (value not shown: it is a secret)"},
                {SECRET, "Entry 1 of " + p + "encryption.keys (value not shown"},
                {"k1:" + AES_KEY + ",k2:" + SECRET.substring(0, 10), "Entry 2 of " + p + "encryption.keys (value not shown"},
                {"k1:" + AES_KEY + ",k1:" + AES_KEY, "key id 'k1' appears twice"},
                {"bad id!:" + AES_KEY, "Entry 1 of " + p + "encryption.keys (value not shown"},
                {"k1:" + AES_KEY + ",,", "Entry 2 of " + p + "encryption.keys (value not shown"}};
        for (String[] key : keys) {
            add("session:encryption.keys", "encryption.keys " + key[1].substring(0, 12), Map.of(p + "encryption.keys", key[0]), key[1]);
        }
        for (String name : List.of("has space", "semi;colon", "com,ma")) {
            add("session:cookie.name", "cookie.name=" + name, Map.of(p + "cookie.name", name), p + "cookie.name='" + name + "'", "a cookie name");
        }
        for (String key : List.of("cookie.path", "cookie.domain")) {
            for (String value : List.of("/a;HttpOnly", "/a b", "/a,b", "/a\tb")) {
                add("session:" + key, key + "=" + value, Map.of(p + key, value), p + key + "='", "a cookie attribute value");
            }
        }
        add("session:cookie.same-site", "same-site=none without secure", Map.of(p + "cookie.same-site", "none", p + "cookie.secure", "false"),
                p + "cookie.same-site=none needs " + p + "cookie.secure=true");
    }

    private void topicCases() {
        String p = "redisee.topic.chat.";
        for (String key : List.of("after-commit", "ordered", "sharded", "reliable", "confirm")) {
            bool("topic:" + key, p + key);
        }
        duration("topic:retention", p + "retention", p + "reliable", "true");
        clientReference("topic:client", p + "client", Map.of());
        add("topic:reliable", "reliable and sharded", Map.of(p + "reliable", "true", p + "sharded", "true"),
                p + "reliable=true: a reliable topic is one stream, so it cannot be sharded");
        add("topic:reliable", "reliable pattern", Map.of("redisee.topic.rooms.*.reliable", "true"),
                "redisee.topic.rooms.*.reliable=true", "cannot be sharded or a pattern");
    }

    private void typoCases() {
        String[][] typos = {
                {"redisee.urll", "redisee.urll is not a RedisEE client key; did you mean 'redisee.url'?"},
                {"redisee.pasword", "did you mean 'redisee.password'?"},
                {"redisee.client.orders.timout", "did you mean 'redisee.client.orders.timeout'?"},
                {"redisee.health.intervall", "redisee.health.intervall is not a RedisEE client key"},
                {"redisee.metrics.backends", "redisee.metrics.backends is not a RedisEE client key"},
                {"redisee.cache.profiles.tll", "redisee.cache.profiles.tll is not a RedisEE cache key"},
                {"redisee.jcache.c.expiry.polcy", "redisee.jcache.c.expiry.polcy is not a RedisEE JCache key"},
                {"redisee.ratelimit.api.limt", "redisee.ratelimit.api.limt is not a RedisEE rate limit key"},
                {"redisee.session.enabeld", "redisee.session.enabeld is not a RedisEE session key"},
                {"redisee.topic.chat.relaible", "redisee.topic.chat.relaible is not a RedisEE topic key"},
                {"redisee.lock.clients", "redisee.lock.clients is not a RedisEE lock key"}};
        for (String[] typo : typos) {
            Map<String, String> config = new HashMap<>(Map.of(typo[0], SECRET));
            if (typo[0].startsWith("redisee.client.orders.")) {
                config.put("redisee.client.orders.url", NOWHERE);
            }
            add("typo", "typo " + typo[0], config, typo[1]);
        }
    }

    /** Secrets set next to a bad value: the failure names the bad key, and shows no secret. */
    private void secretCases() {
        Map<String, String> secrets = new HashMap<>(Map.of("redisee.password", SECRET, "redisee.sentinel.password", SECRET,
                "redisee.tls.truststore-password", SECRET, "redisee.tls.keystore-password", SECRET,
                "redisee.username", SECRET, "redisee.timeout", "often"));
        add("secrets", "passwords next to a bad timeout", secrets, "redisee.timeout='often'");
        add("secrets", "a password in the URL next to a bad timeout", Map.of("redisee.url", "redis://app:" + SECRET + "@127.0.0.1:1",
                "redisee.timeout", "often"), "redisee.timeout='often'");
    }

    // ---- generators ----

    private void add(String family, String label, Map<String, String> config, String... expected) {
        cases.add(new Case(family, label, Map.copyOf(config), List.of(expected), false));
    }

    private int namedTopologies;

    /**
     * The prefix for a case about a topology key: the default client's own, or, instead of a named client's, a client
     * of the case's own ({@code redisee.client.t<n>.}), so that such cases can share a deployment.
     */
    private String topologyPrefix(String p) {
        return p.equals("redisee.") ? p : "redisee.client.t" + (++namedTopologies) + ".";
    }

    /** A topology key's bad value: alone for the default client, batchable for a client of its own. */
    private void topology(String family, String label, Map<String, String> config, String... expected) {
        if (label.startsWith("redisee.client.")) {
            addValue(family, label, config, expected);
        } else {
            add(family, label, config, expected);
        }
    }

    private void addValue(String family, String label, Map<String, String> config, String... expected) {
        cases.add(new Case(family, label, Map.copyOf(config), List.of(expected), true));
    }

    private void duration(String family, String key, String... context) {
        for (String value : List.of("often", "0s", "-5s", "1.5s", "PT-1S")) {
            addValue(family, key + "=" + value, with(context, key, value), key + "='" + value + "'", "a positive duration");
        }
    }

    private void integer(String family, String key, int min, int max, String... context) {
        List<String> values = new ArrayList<>(List.of("x", "1.5", String.valueOf((long) min - 1)));
        values.add(max == Integer.MAX_VALUE ? "2147483648" : String.valueOf(max + 1));
        for (String value : values) {
            addValue(family, key + "=" + value, with(context, key, value), key + "='" + value + "'", "a whole number");
        }
    }

    private void bool(String family, String key, String... context) {
        for (String value : List.of("maybe", "yes", "1")) {
            addValue(family, key + "=" + value, with(context, key, value), key + "='" + value + "'", "true or false");
        }
    }

    private void choice(String family, String key, String choices, String... context) {
        addValue(family, key + "=bogus", with(context, key, "bogus"), key + "='bogus'", "one of " + choices);
    }

    /** A client that nothing configures: the message names the client and the keys that would define it. */
    private void clientReference(String family, String key, Map<String, String> context) {
        Map<String, String> config = new HashMap<>(context);
        config.put(key, "nosuch");
        add(family, key + "=nosuch", config, "Redis client 'nosuch' has no address", "redisee.client.nosuch.url");
    }

    private static Map<String, String> with(String[] context, String key, String value) {
        Map<String, String> config = TestContainer.with(Map.of(), context);
        config.put(key, value);
        return config;
    }

    // ---- the run ----

    @Test
    void everyBadValueAndCombinationFailsTheDeploymentNamingTheKey() {
        List<Case> all = allCases();
        List<String> wrong = new ArrayList<>();
        Set<String> gaps = new TreeSet<>();
        Map<String, Integer> perFamily = new TreeMap<>();
        all.forEach(c -> perFamily.merge(c.family().contains(":") ? c.family().substring(0, c.family().indexOf(':')) : c.family(),
                1, Integer::sum));
        long started = System.nanoTime();
        int deployments = 0;
        List<Case> solo = new ArrayList<>(all.stream().filter(c -> !c.batchable()).toList());
        for (List<Case> batch : batches(all.stream().filter(Case::batchable).toList())) {
            Map<String, String> merged = new HashMap<>();
            batch.forEach(c -> merged.putAll(c.config()));
            String message = deploy(merged);
            deployments++;
            for (Case c : batch) {
                if (message == null || !check(c, message).isEmpty()) {
                    solo.add(c); // decided alone, below
                }
            }
        }
        for (Case c : solo) {
            String message = deploy(c.config());
            deployments++;
            if (message == null) {
                if (KNOWN_GAPS.contains(c.label())) {
                    gaps.add(c.label());
                } else {
                    wrong.add(c.label() + ": deployed");
                }
            } else {
                wrong.addAll(check(c, message));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[hostile configuration] " + all.size() + " cases (" + perFamily + ") in " + deployments
                + " deployments, " + millis + " ms: " + (all.size() - wrong.size() - gaps.size())
                + " failed the deployment naming the key, no secret shown; " + gaps.size() + " known gaps deployed: " + gaps
                + "; wrong: " + wrong.size());
        assertEquals(List.of(), wrong, "cases that deployed or failed without naming the key");
        assertEquals(KNOWN_GAPS, gaps, "known gaps that no longer deploy: move them to the cases");
    }

    /** What is wrong with a failure's message for a case: a fragment missing, or a secret shown. */
    private static List<String> check(Case c, String message) {
        List<String> wrong = new ArrayList<>();
        for (String fragment : c.expected()) {
            if (!message.contains(fragment)) {
                wrong.add(c.label() + ": no '" + fragment + "' in " + firstProblem(message));
            }
        }
        if (message.contains(SECRET) || message.contains(AES_KEY)) {
            wrong.add(c.label() + ": a secret appears in " + firstProblem(message));
        }
        return wrong;
    }

    /** Batchable cases in groups whose configurations do not touch the same keys. */
    private static List<List<Case>> batches(List<Case> batchable) {
        List<List<Case>> batches = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        for (Case c : batchable) {
            int i = 0;
            while (i < batches.size() && c.config().keySet().stream().anyMatch(keys.get(i)::contains)) {
                i++;
            }
            if (i == batches.size()) {
                batches.add(new ArrayList<>());
                keys.add(new java.util.HashSet<>());
            }
            batches.get(i).add(c);
            keys.get(i).addAll(c.config().keySet());
        }
        return batches;
    }

    @Test
    void everyKeyHasCases() throws ReflectiveOperationException {
        Set<String> covered = new TreeSet<>();
        allCases().forEach(c -> covered.add(c.family()));
        covered.addAll(FREE_TEXT.keySet());
        Map<String, Collection<String>> families = new LinkedHashMap<>();
        families.put("client", keys("org.redisee.client.RedisClientSettingsReader", "CLIENT_KEYS"));
        families.put("global", keys("org.redisee.client.RedisClientSettingsReader", "GLOBAL_KEYS"));
        families.put("root", List.of("key-prefix", "node-id", "lock.client"));
        families.put("cache", keys("org.redisee.cache.CacheSettingsReader", "KEYS"));
        families.put("jcache", new TreeSet<>(keys("org.redisee.jcache.JCacheSettings", "CACHE_KEYS")));
        families.get("jcache").addAll(keys("org.redisee.jcache.JCacheSettings", "GLOBAL_KEYS"));
        families.put("ratelimit", keys("org.redisee.ratelimit.RateLimitSettingsReader", "KEYS"));
        families.put("ratelimit-global", keys("org.redisee.ratelimit.RateLimitSettingsReader", "GLOBAL_KEYS"));
        families.put("session", keys("org.redisee.session.SessionSettingsReader", "KEYS"));
        families.put("topic", keys("org.redisee.event.TopicSettingsReader", "KEYS"));
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, Collection<String>> family : families.entrySet()) {
            for (String key : family.getValue()) {
                count++;
                if (!covered.contains(family.getKey() + ":" + key)) {
                    missing.add(family.getKey() + ":" + key);
                }
            }
        }
        System.out.println("[hostile configuration] " + count + " keys, " + (count - FREE_TEXT.size())
                + " with bad-value cases, " + FREE_TEXT.size() + " free text: " + FREE_TEXT);
        assertEquals(List.of(), missing, "keys without hostile cases");
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> keys(String reader, String field) throws ReflectiveOperationException {
        Field keys = Class.forName(reader).getDeclaredField(field);
        keys.setAccessible(true);
        return new ArrayList<>((Collection<String>) keys.get(null));
    }

    /** Deploys with an address for each client the case leaves without one; the failure's text, or null if it deployed. */
    private static String deploy(Map<String, String> caseConfig) {
        Map<String, String> config = new HashMap<>(caseConfig);
        if (TOPOLOGY.stream().noneMatch(k -> config.containsKey("redisee." + k))) {
            config.put("redisee.url", NOWHERE);
        }
        boolean namedClient = config.keySet().stream().anyMatch(k -> k.startsWith("redisee.client.orders."));
        if (namedClient && TOPOLOGY.stream().noneMatch(k -> config.containsKey("redisee.client.orders." + k))) {
            config.put("redisee.client.orders.url", NOWHERE);
        }
        config.putIfAbsent("redisee.metrics.backend", "none");
        try {
            TestContainer.start(config, LockedWork.class, Unsatisfied.class).close();
            throw new IllegalStateException("Unsatisfied's injection point cannot be satisfied; the container should not start");
        } catch (RuntimeException e) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            e.printStackTrace(new PrintStream(out, true, StandardCharsets.UTF_8));
            String message = out.toString(StandardCharsets.UTF_8);
            // RedisEE reports configuration problems as definition errors, before the container validates injection
            // points; reaching that validation means the configuration was accepted, without starting any client.
            return message.contains("Invalid RedisEE configuration") ? message : null;
        }
    }

    private static String firstProblem(String message) {
        return message.lines().filter(l -> l.contains("Invalid RedisEE") || l.contains("  - ")).findFirst()
                .orElse(message.lines().findFirst().orElse(""));
    }
}
