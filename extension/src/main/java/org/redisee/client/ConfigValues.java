package org.redisee.client;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reads of {@code redisee.*} keys from MicroProfile Config. Values are read as strings and parsed here, so a
 * bad value is reported with its key, the value, and what is valid. Problems are collected rather than thrown one by
 * one, so a deployment reports every mistake at once.
 */
public final class ConfigValues {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    /** The user information of a URL: everything between {@code ://} and the last {@code @} before the host. */
    private static final Pattern URL_USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/?#,\\s]*)@");

    private final Config config;
    private final List<String> problems = new ArrayList<>();

    public ConfigValues(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** The value of {@code key}, trimmed; empty when unset or blank. */
    public Optional<String> string(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    /** A comma-separated list; blank entries are a problem, since they are almost always a typo. */
    public List<String> list(String key) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return List.of();
        }
        List<String> items = Arrays.stream(raw.get().split(",", -1)).map(String::trim).collect(Collectors.toList());
        if (items.stream().anyMatch(String::isEmpty)) {
            problem(key, raw.get(), "a comma-separated list with no empty entries");
            return items.stream().filter(s -> !s.isEmpty()).collect(Collectors.toList());
        }
        return items;
    }

    /** A positive duration: ISO-8601 ({@code PT10S}) or a number with a unit ({@code 500ms, 30s, 10m, 2h, 1d}). */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Duration parsed = parseDuration(raw.get());
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            problem(key, raw.get(), "a positive duration: ISO-8601 (PT10S) or a number with a unit (500ms, 30s, 10m, 2h, 1d)");
            return defaultValue;
        }
        return parsed;
    }

    /** Parses ISO-8601 or {@code <number><unit>}; null when it is neither. */
    public static Duration parseDuration(String text) {
        String value = text.trim();
        Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            switch (shortForm.group(2)) {
                case "ms": return Duration.ofMillis(amount);
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                case "h": return Duration.ofHours(amount);
                default: return Duration.ofDays(amount);
            }
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the valid range
        }
        problem(key, raw.get(), max == Integer.MAX_VALUE
                ? "a whole number of at least " + min
                : "a whole number from " + min + " to " + max);
        return defaultValue;
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default:
                problem(key, raw.get(), "true or false");
                return defaultValue;
        }
    }

    /** One of a fixed set of words, matched without regard to case. */
    public <E> E choice(String key, E defaultValue, Map<String, E> choices) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        E value = choices.get(raw.get().toLowerCase(Locale.ROOT));
        if (value == null) {
            problem(key, raw.get(), "one of " + String.join(", ", choices.keySet()));
            return defaultValue;
        }
        return value;
    }

    /**
     * The names that keys of the form {@code <prefix><name>.<key>} use, for a capability whose entries are named (caches,
     * rate limits). Names may contain dots, so a key is recognised by its known suffix, the longest first; a key under
     * {@code prefix} with no known suffix, and not in {@code globalKeys}, is reported as a problem.
     */
    public Set<String> namedEntries(String prefix, Collection<String> keys, Collection<String> globalKeys, String what) {
        List<String> longestFirst = keys.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        Set<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            if (!property.startsWith(prefix) || globalKeys.contains(property.substring(prefix.length()))) {
                continue;
            }
            String rest = property.substring(prefix.length());
            Optional<String> key = longestFirst.stream().filter(k -> rest.endsWith("." + k)).findFirst();
            if (key.isPresent()) {
                names.add(rest.substring(0, rest.length() - key.get().length() - 1));
            } else {
                String global = globalKeys.isEmpty() ? "" : ", or one of " + prefix
                        + String.join(", " + prefix, new TreeSet<>(globalKeys));
                problem(property + " is not a RedisEE " + what + " key: use " + prefix + "<name>.<key> with one of "
                        + String.join(", ", new TreeSet<>(keys)) + global);
            }
        }
        return names;
    }

    /**
     * Records a bad value: {@code redisee.timeout='10 parsecs': expected a positive duration ...}. A password inside a
     * URL ({@code redis://user:secret@host}) is not repeated: deployment failures end up in server logs.
     */
    public void problem(String key, String value, String expected) {
        problems.add(key + "='" + redact(value) + "': expected " + expected);
    }

    /** {@code value} with the user information of any URL in it masked: {@code redis://user:***@host}. */
    public static String redact(String value) {
        Matcher userInfo = URL_USER_INFO.matcher(value);
        StringBuilder redacted = new StringBuilder();
        while (userInfo.find()) {
            String info = userInfo.group(2);
            int colon = info.indexOf(':');
            String masked = colon < 0 ? "***" : info.substring(0, colon) + ":***";
            userInfo.appendReplacement(redacted, Matcher.quoteReplacement(userInfo.group(1) + masked + "@"));
        }
        userInfo.appendTail(redacted);
        return redacted.toString();
    }

    /** Records a problem that is not about one value, such as a conflict between keys. */
    public void problem(String message) {
        problems.add(message);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new RedisConfigException(problems);
        }
    }
}
