package org.redisee.ratelimit;

import static org.redisee.Failures.messages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.TestContainer;
import org.redisee.testing.RedisServerExtension;
import org.redisee.testing.RedisStandalone;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @RateLimited}, {@code @RateLimitName} and their configuration in a container, on a real Redis. */
@ExtendWith(RedisServerExtension.class)
class RateLimitedTest {

    @ApplicationScoped
    public static class Limited {
        @RateLimited(name = "test-global", limit = 3, window = "PT10S")
        public String global() {
            return "ok";
        }

        @RateLimited(name = "test-per-user", limit = 2, window = "10s", key = RateLimited.KeySource.PARAMETER,
                algorithm = RateLimitAlgorithm.TOKEN_BUCKET)
        public String perUser(@RateLimitKey String user) {
            return "ok " + user;
        }

        @RateLimited(name = "test-ip", limit = 2, key = RateLimited.KeySource.IP)
        public String perIp() {
            return "ok";
        }
    }

    @Singleton
    static class Programmatic {
        @Inject @RateLimitName("programmatic") RateLimiter limiter;
    }

    private static Map<String, String> config(RedisStandalone redis, String... extra) {
        return TestContainer.with(Map.of("redisee.url", redis.url(),
                "redisee.key-prefix", "t" + UUID.randomUUID().toString().substring(0, 8)), extra);
    }

    @Test
    void rejectsTheCallOverTheLimitWithRetryAfter(RedisStandalone redis) {
        try (TestContainer app = TestContainer.start(config(redis), Limited.class)) {
            Limited limited = app.select(Limited.class);
            for (int i = 0; i < 3; i++) {
                assertEquals("ok", limited.global());
            }
            RateLimitExceededException rejected = assertThrows(RateLimitExceededException.class, limited::global);
            assertEquals(0, rejected.remaining());
            assertTrue(rejected.retryAfter().compareTo(Duration.ZERO) > 0
                    && rejected.retryAfter().compareTo(Duration.ofSeconds(10)) <= 0, rejected.getMessage());
            assertEquals("test-global", rejected.policy().name());

            Map<String, String> headers = RateLimitHeaders.of(rejected.policy(), rejected.decision());
            assertEquals("3", headers.get("RateLimit-Limit"));
            assertEquals("0", headers.get("RateLimit-Remaining"));
            assertEquals("3;w=10", headers.get("RateLimit-Policy"));
            long reset = Long.parseLong(headers.get("RateLimit-Reset"));
            assertTrue(reset >= 1 && reset <= 10, "RateLimit-Reset " + reset);
            long retryAfter = Long.parseLong(headers.get("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter);
        }
    }

    @Test
    void aParameterKeyLimitsEachKeyApart(RedisStandalone redis) {
        try (TestContainer app = TestContainer.start(config(redis), Limited.class)) {
            Limited limited = app.select(Limited.class);
            assertEquals("ok ada", limited.perUser("ada"));
            assertEquals("ok ada", limited.perUser("ada"));
            assertThrows(RateLimitExceededException.class, () -> limited.perUser("ada"));
            assertEquals("ok bob", limited.perUser("bob"), "another key is not affected");
        }
    }

    @Test
    void configurationOverridesTheAnnotationAndDeclaresInjectableLimits(RedisStandalone redis) {
        try (TestContainer app = TestContainer.start(config(redis,
                "redisee.ratelimit.test-global.limit", "1",
                "redisee.ratelimit.programmatic.limit", "2",
                "redisee.ratelimit.programmatic.window", "1m",
                "redisee.ratelimit.programmatic.algorithm", "fixed-window"), Limited.class, Programmatic.class)) {
            Limited limited = app.select(Limited.class);
            assertEquals("ok", limited.global());
            assertThrows(RateLimitExceededException.class, limited::global, "the configured limit of 1 applies");

            RateLimiter limiter = app.select(Programmatic.class).limiter;
            assertEquals(RateLimitAlgorithm.FIXED_WINDOW, limiter.policy().algorithm());
            assertTrue(limiter.tryAcquire("k", 2).allowed());
            assertEquals(0, limiter.status("k").remaining());
            assertTrue(!limiter.tryAcquire("k", 1).allowed());
        }
    }

    @Test
    void anIpKeyOutsideAnHttpRequestFailsClearly(RedisStandalone redis) {
        try (TestContainer app = TestContainer.start(config(redis), Limited.class)) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> app.select(Limited.class).perIp());
            assertTrue(failure.getMessage().contains("needs an HTTP request"), failure.getMessage());
        }
    }

    @Test
    void badLimitsFailTheDeploymentNamingTheKey(RedisStandalone redis) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> TestContainer.start(config(redis,
                "redisee.ratelimit.test-global.limit", "lots",
                "redisee.ratelimit.test-global.algoritm", "token-bucket",
                "redisee.ratelimit.test-per-user.window", "PT0.0005S",
                "redisee.ratelimit.trusted-proxies", "10.0.0.0/33"), Limited.class, Programmatic.class).close());
        String message = messages(failure);
        for (String expected : List.of("redisee.ratelimit.test-global.limit='lots'",
                "redisee.ratelimit.test-global.algoritm is not a RedisEE rate limit key",
                "redisee.ratelimit.test-per-user.window=PT0.0005S is not a whole number of milliseconds",
                "redisee.ratelimit.trusted-proxies='10.0.0.0/33'",
                "@RateLimitName(\"programmatic\") is injected, but no limit has that name")) {
            assertTrue(message.contains(expected), "expected '" + expected + "' in:\n" + message);
        }
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.10"));
        assertEquals("203.0.113.9", proxies.clientAddress("203.0.113.9", "1.2.3.4"), "an untrusted peer's header is ignored");
        assertEquals("198.51.100.7", proxies.clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.7, 192.168.1.10"),
                "the right-most address that is not a trusted proxy");
        assertEquals("10.1.2.3", proxies.clientAddress("10.1.2.3", "not-an-ip"), "garbage is not believed");
    }
}
