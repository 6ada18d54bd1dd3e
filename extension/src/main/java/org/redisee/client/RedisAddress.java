package org.redisee.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code redis://[user:password@]host[:port][/database]} or {@code rediss://...} (TLS) address. Credentials
 * and database are split off, because Redisson takes them as separate settings and must never log them.
 */
public final class RedisAddress {

    public static final int DEFAULT_PORT = 6379;
    static final String EXPECTED = "redis://[user:password@]host[:port][/database] or rediss://... for TLS";
    static final String EXPECTED_NODE = "host:port, redis://host:port or rediss://host:port";

    private final boolean tls;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final Integer database;

    private RedisAddress(boolean tls, String host, int port, String username, String password, Integer database) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.database = database;
    }

    /**
     * Parses a full client URL. Returns empty and records a problem under {@code key} when the value is not valid.
     */
    static Optional<RedisAddress> parseUrl(String key, String value, ConfigValues values) {
        return parse(key, value, values, false);
    }

    /** Parses a node of a cluster, sentinel or replicated list: {@code host:port}, with or without a scheme. */
    static Optional<RedisAddress> parseNode(String key, String value, ConfigValues values) {
        return parse(key, value.contains("://") ? value : "redis://" + value, values, true);
    }

    private static Optional<RedisAddress> parse(String key, String value, ConfigValues values, boolean node) {
        String expected = node ? EXPECTED_NODE : EXPECTED;
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            values.problem(key, value, expected);
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            values.problem(key, value, expected + " (the scheme '" + scheme + "' is not supported)");
            return Optional.empty();
        }
        if (uri.getHost() == null) {
            // URI leaves host null for out-of-range ports and malformed authorities; tell the two apart.
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String portPart = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = portPart.lastIndexOf(':');
            if (colon > 0 && !portPart.endsWith("]")) {
                values.problem(key, value, expected + " (port '" + portPart.substring(colon + 1) + "' must be 1 to 65535)");
            } else {
                values.problem(key, value, expected + " (no host)");
            }
            return Optional.empty();
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            values.problem(key, value, expected + " (port " + port + " must be 1 to 65535)");
            return Optional.empty();
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
            if (user.isEmpty()) {
                user = null; // redis://:password@host is the classic AUTH-without-user form
            }
        }
        Integer database = null;
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/")) {
            if (node) {
                values.problem(key, value, expected + " (a node address takes no database)");
                return Optional.empty();
            }
            try {
                database = Integer.parseInt(path.substring(1));
                if (database < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                values.problem(key, value, expected + " (database '" + path.substring(1) + "' must be a whole number of at least 0)");
                return Optional.empty();
            }
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            values.problem(key, value, expected + " (query strings and fragments are not supported)");
            return Optional.empty();
        }
        return Optional.of(new RedisAddress(scheme.equals("rediss"), uri.getHost(), port, user, password, database));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    public boolean tls() {
        return tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Optional<Integer> database() {
        return Optional.ofNullable(database);
    }

    /** The address as Redisson takes it, without credentials or database. */
    public String redissonAddress() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port;
    }

    /** Safe to log: no credentials. */
    @Override
    public String toString() {
        return redissonAddress();
    }
}
