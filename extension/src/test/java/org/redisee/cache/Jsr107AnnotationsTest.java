package org.redisee.cache;

import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.TestContainer;
import org.redisee.testing.RedisCommands;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;

import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Applications written against JSR-107's annotations get Redis caching too, where the server does not intercept them. */
@ExtendWith(RedisServerExtension.class)
class Jsr107AnnotationsTest {

    @ApplicationScoped
    @CacheDefaults(cacheName = "jsr107-books")
    public static class Books {
        final AtomicInteger calls = new AtomicInteger();

        public int calls() {
            return calls.get();
        }

        @CacheResult
        public String title(@CacheKey String isbn, String requestedBy) {
            calls.incrementAndGet();
            return "Title of " + isbn;
        }

        @CachePut
        public void store(@CacheKey String isbn, @CacheValue String title) {
        }

        @CacheRemove
        public void remove(String isbn) {
        }

        @CacheRemoveAll
        public void clear() {
        }

        @CacheResult(cacheName = "jsr107-counts")
        public Integer count(String shelf) {
            calls.incrementAndGet();
            return shelf.length();
        }
    }

    @Test
    void jsr107AnnotationsRouteToRedisAndRunTheMethodOncePerKey(RedisStandalone redis) {
        String prefix = "j" + UUID.randomUUID().toString().substring(0, 8);
        try (TestContainer app = TestContainer.start(Map.of("redisee.url", redis.url(), "redisee.key-prefix", prefix), Books.class);
             RedisCommands cli = redis.connect()) {
            Books books = app.select(Books.class);
            assertEquals("Title of 42", books.title("42", "alice"));
            assertEquals("Title of 42", books.title("42", "bob"));
            assertEquals(1, books.calls(), "@CacheResult ran the method once for the key");
            assertEquals("\"Title of 42\"", cli.call("GET", prefix + ":cache:jsr107-books:{42}"));

            books.store("42", "Renamed");
            assertEquals("Renamed", books.title("42", "carol"));
            books.remove("42");
            assertEquals("Title of 42", books.title("42", "dave"));
            assertEquals(2, books.calls());

            assertEquals(5, books.count("shelf"));
            assertEquals(5, books.count("shelf"));
            assertEquals(3, books.calls());
            assertTrue(cli.callLong("PTTL", prefix + ":cache:jsr107-counts:{shelf}") > 0, "JSR-107 entries get the cache TTL");

            books.clear();
            books.title("42", "erin");
            assertEquals(4, books.calls(), "@CacheRemoveAll cleared the cache");
        }
    }
}
