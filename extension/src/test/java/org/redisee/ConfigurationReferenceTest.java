package org.redisee;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The configuration reference against the code: every key a settings reader accepts is in the key tables of the
 * docs, and every key those tables list is one a reader accepts. The key sets are the readers' own, the ones that
 * reject unknown keys at deployment.
 */
class ConfigurationReferenceTest {

    private static final Path DOCS = Path.of("..", "docs");
    /** A key table's rows: the first cell is the key, in backquotes. */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");

    /** Keys in one doc, written as {@code <prefix><key>}. */
    private record Family(String doc, String prefix, Collection<String> keys) {
    }

    private static List<Family> families() throws ReflectiveOperationException {
        return List.of(
                new Family("configuration.md", "", keys("org.redisee.client.RedisClientSettingsReader", "CLIENT_KEYS")),
                new Family("configuration.md", "redisee.", keys("org.redisee.client.RedisClientSettingsReader", "GLOBAL_KEYS")),
                new Family("configuration.md", "redisee.", Set.of("key-prefix", "node-id", "lock.client")),
                new Family("caching.md", "", keys("org.redisee.cache.CacheSettingsReader", "KEYS")),
                new Family("jcache.md", "redisee.jcache.<cache>.", keys("org.redisee.jcache.JCacheSettings", "CACHE_KEYS")),
                new Family("jcache.md", "redisee.jcache.", keys("org.redisee.jcache.JCacheSettings", "GLOBAL_KEYS")),
                new Family("ratelimit.md", "redisee.ratelimit.<name>.", keys("org.redisee.ratelimit.RateLimitSettingsReader", "KEYS")),
                new Family("ratelimit.md", "redisee.ratelimit.", keys("org.redisee.ratelimit.RateLimitSettingsReader", "GLOBAL_KEYS")),
                new Family("sessions.md", "redisee.session.", keys("org.redisee.session.SessionSettingsReader", "KEYS")),
                new Family("events.md", "redisee.topic.<name>.", keys("org.redisee.event.TopicSettingsReader", "KEYS")),
                new Family("events.md", "redisee.", Set.of("node-id")));
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> keys(String reader, String field) throws ReflectiveOperationException {
        Field keys = Class.forName(reader).getDeclaredField(field);
        keys.setAccessible(true);
        return (Collection<String>) keys.get(null);
    }

    @Test
    void everyKeyTheCodeReadsIsDocumentedAndEveryDocumentedKeyIsRead() throws Exception {
        List<Family> families = families();
        List<String> undocumented = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (String doc : families.stream().map(Family::doc).distinct().toList()) {
            Set<String> tableKeys = tableKeys(DOCS.resolve(doc));
            List<Family> ofDoc = families.stream().filter(f -> f.doc().equals(doc)).toList();
            for (Family family : ofDoc) {
                for (String key : family.keys()) {
                    checked++;
                    if (!tableKeys.contains(family.prefix() + key)) {
                        undocumented.add(doc + ": " + family.prefix() + key);
                    }
                }
            }
            for (String documented : tableKeys) {
                boolean read = ofDoc.stream().anyMatch(f -> documented.startsWith(f.prefix())
                        && f.keys().contains(documented.substring(f.prefix().length())));
                if (!read) {
                    unknown.add(doc + ": " + documented);
                }
            }
        }
        System.out.println("[configuration reference] " + checked + " keys the code reads, all checked against the docs");
        assertEquals(List.of(), undocumented, "keys the code reads that no key table documents");
        assertEquals(List.of(), unknown, "keys the docs list that no settings reader accepts");
    }

    /** The first cells of the rows of every table whose header starts with {@code | key |}. */
    private static Set<String> tableKeys(Path doc) throws IOException {
        Set<String> keys = new TreeSet<>();
        boolean inKeyTable = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("| key |")) {
                inKeyTable = true;
            } else if (!line.startsWith("|")) {
                inKeyTable = false;
            } else if (inKeyTable) {
                Matcher row = ROW.matcher(line);
                if (row.find()) {
                    keys.add(row.group(1));
                }
            }
        }
        return keys;
    }
}
