package org.redisee.session;

import org.redisee.Redis;
import org.redisee.client.ConfigValues;
import org.redisee.client.RedisClientSettingsReader;
import org.redisee.serial.SerialAllowList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads and validates {@code redisee.session.*}. */
public final class SessionSettingsReader {

    public static final String PREFIX = RedisClientSettingsReader.PREFIX + "session.";
    static final Set<String> KEYS = Set.of("enabled", "client", "timeout", "touch-interval", "save-mode", "flush-mode",
            "local-copy", "local-copy.max-entries", "serial-filter", "encryption.keys", "max-per-principal", "overflow",
            "expiry-sweep.interval", "expiry-sweep.batch", "cookie.name", "cookie.path", "cookie.domain",
            "cookie.secure", "cookie.http-only", "cookie.same-site", "cookie.max-age", "max-attribute-size");
    /** Redis takes values up to 512 MB (proto-max-bulk-len). */
    static final int MAX_ATTRIBUTE_SIZE_LIMIT = 512 * 1024 * 1024;
    static final int DEFAULT_MAX_ATTRIBUTE_SIZE = 1024 * 1024;
    private static final Map<String, SessionSettings.SaveMode> SAVE_MODES = Map.of(
            "on-set-attribute", SessionSettings.SaveMode.ON_SET_ATTRIBUTE,
            "on-get-attribute", SessionSettings.SaveMode.ON_GET_ATTRIBUTE,
            "always", SessionSettings.SaveMode.ALWAYS);
    private static final Map<String, SessionSettings.FlushMode> FLUSH_MODES = Map.of(
            "end-of-request", SessionSettings.FlushMode.END_OF_REQUEST,
            "immediate", SessionSettings.FlushMode.IMMEDIATE);
    private static final Map<String, SessionSettings.PrincipalOverflow> OVERFLOWS = Map.of(
            "evict-oldest", SessionSettings.PrincipalOverflow.EVICT_OLDEST,
            "refuse", SessionSettings.PrincipalOverflow.REFUSE);
    private static final Map<String, String> SAME_SITE = Map.of("lax", "Lax", "strict", "Strict", "none", "None");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** A Path or Domain attribute value (RFC 6265): no control characters, no ';', and here no spaces or commas. */
    private static final Pattern COOKIE_ATTRIBUTE = Pattern.compile("[\\x21-\\x2B\\x2D-\\x3A\\x3C-\\x7E]+");

    private final ConfigValues values;

    public SessionSettingsReader(ConfigValues values) {
        this.values = values;
    }

    /** Whether sessions are enabled, read on its own: the servlet initializer needs only this. */
    public boolean enabled() {
        return values.bool(PREFIX + "enabled", false);
    }

    public SessionSettings read() {
        for (String property : values.config().getPropertyNames()) {
            if (property.startsWith(PREFIX) && !KEYS.contains(property.substring(PREFIX.length()))) {
                values.problem(property + " is not a RedisEE session key; session keys are: " + PREFIX
                        + String.join(", " + PREFIX, new TreeSet<>(KEYS)));
            }
        }
        String p = PREFIX;
        Optional<Duration> timeout = values.string(p + "timeout").map(raw -> values.duration(p + "timeout", Duration.ofMinutes(30)));
        Duration touch = values.duration(p + "touch-interval", Duration.ofMinutes(1));
        String sameSite = values.choice(p + "cookie.same-site", "Lax", SAME_SITE);
        Optional<Boolean> secure = values.string(p + "cookie.secure").map(raw -> values.bool(p + "cookie.secure", false));
        String cookieName = values.string(p + "cookie.name", "SESSION");
        if (!COOKIE_NAME.matcher(cookieName).matches()) {
            values.problem(p + "cookie.name", cookieName, "a cookie name: letters, digits and !#$%&'*+.^_`|~-");
        }
        if ("None".equals(sameSite) && secure.isPresent() && !secure.get()) {
            values.problem(p + "cookie.same-site=none needs " + p + "cookie.secure=true (browsers drop SameSite=None cookies that are not Secure)");
        }
        SessionSettings.Cookie cookie = new SessionSettings.Cookie(cookieName, cookieAttribute(p + "cookie.path"),
                cookieAttribute(p + "cookie.domain"), secure, values.bool(p + "cookie.http-only", true), sameSite,
                values.integer(p + "cookie.max-age", -1, -1, Integer.MAX_VALUE));
        String serialFilter = values.string(p + "serial-filter", "");
        String filterProblem = SerialAllowList.patternProblem(serialFilter);
        if (filterProblem != null) {
            values.problem(p + "serial-filter", serialFilter, filterProblem);
        }
        return new SessionSettings(enabled(), values.string(p + "client", Redis.DEFAULT), cookie, timeout, touch,
                values.choice(p + "save-mode", SessionSettings.SaveMode.ON_GET_ATTRIBUTE, SAVE_MODES),
                values.choice(p + "flush-mode", SessionSettings.FlushMode.END_OF_REQUEST, FLUSH_MODES),
                values.bool(p + "local-copy", true), values.integer(p + "local-copy.max-entries", 10_000, 1, Integer.MAX_VALUE),
                serialFilter, encryptionKeys(),
                values.integer(p + "max-per-principal", 0, 0, Integer.MAX_VALUE),
                values.choice(p + "overflow", SessionSettings.PrincipalOverflow.EVICT_OLDEST, OVERFLOWS),
                values.duration(p + "expiry-sweep.interval", Duration.ofSeconds(10)),
                values.integer(p + "expiry-sweep.batch", 100, 1, 10_000),
                values.integer(p + "max-attribute-size", DEFAULT_MAX_ATTRIBUTE_SIZE, 1, MAX_ATTRIBUTE_SIZE_LIMIT));
    }

    /** A cookie's Path or Domain: written into the Set-Cookie header as it is, so nothing that would end it. */
    private Optional<String> cookieAttribute(String key) {
        Optional<String> value = values.string(key);
        if (value.isPresent() && !COOKIE_ATTRIBUTE.matcher(value.get()).matches()) {
            values.problem(key, value.get(), "a cookie attribute value: printable characters other than ';', ',' and spaces");
            return java.util.Optional.empty();
        }
        return value;
    }

    /** {@code id:base64,...}; the values are secrets, so messages never show them. */
    private List<SessionEncryption.Key> encryptionKeys() {
        String key = PREFIX + "encryption.keys";
        List<SessionEncryption.Key> keys = new ArrayList<>();
        // Not values.list(key): its message for an empty entry would repeat the whole value.
        List<String> entries = values.string(key).map(raw -> List.of(raw.split(",", -1))).orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).trim();
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon);
            byte[] secret = null;
            try {
                secret = colon < 0 ? null : Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            } catch (IllegalArgumentException notBase64) {
                // reported below
            }
            if (!KEY_ID.matcher(id).matches() || secret == null
                    || (secret.length != 16 && secret.length != 24 && secret.length != 32)) {
                values.problem("Entry " + (i + 1) + " of " + key + " (value not shown: it is a secret): expected"
                        + " <id>:<Base64 of a 16-, 24- or 32-byte AES key>, with an id of letters, digits, '.', '_' or '-'");
            } else if (keys.stream().anyMatch(k -> k.id().equals(id))) {
                values.problem("Entry " + (i + 1) + " of " + key + ": key id '" + id + "' appears twice");
            } else {
                keys.add(new SessionEncryption.Key(id, secret));
            }
        }
        return keys;
    }
}
