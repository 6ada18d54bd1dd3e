package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.it.ratelimit.LimitedResource;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.Http;
import org.redisee.it.support.SharedRedis;

/**
 * Rate limits on JAX-RS methods in the server: call N+1 of a limit of N per minute per client address gets HTTP 429
 * with {@code Retry-After} and the {@code RateLimit-*} headers, from RedisEE's exception mapper, which JAX-RS finds in
 * the war's libraries; another key of the same limit is not affected, and neither is another principal (the test
 * war authenticates callers from a header with a Jakarta Security mechanism).
 */
@ExtendWith(ArquillianExtension.class)
class RateLimitIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        // A new key prefix per deployment: the shared Redis outlives the test, and the windows are a minute long.
        return Deployments.redisApp("ratelimit-it", Map.of("redisee.url", SharedRedis.url(),
                "redisee.key-prefix", "it" + UUID.randomUUID().toString().substring(0, 8),
                "redisee.ratelimit.it-ip.response-headers", "true"))
                .addPackage(LimitedResource.class.getPackage())
                // WildFly: the mechanism's callers live in the default security domain (see wildfly/src/test/wildfly)
                .addAsWebInfResource(new StringAsset("<jboss-web><security-domain>other</security-domain></jboss-web>"),
                        "jboss-web.xml");
    }

    @Test
    void callOverTheLimitPerAddressGets429WithHeaders(@ArquillianResource URL base) {
        for (int i = 1; i <= 3; i++) {
            Http.Response allowed = Http.get(base, "api/limited/ip");
            assertEquals(200, allowed.status(), "call " + i + " of 3: " + allowed);
            // response-headers=true for this limit: allowed calls carry the headers too
            assertEquals("3", allowed.header("RateLimit-Limit"), "call " + i);
            assertEquals(Integer.toString(3 - i), allowed.header("RateLimit-Remaining"), "call " + i);
            assertEquals("3;w=60", allowed.header("RateLimit-Policy"), "call " + i);
            assertEquals(null, allowed.header("Retry-After"), "call " + i);
        }
        Http.Response rejected = Http.get(base, "api/limited/ip");
        System.out.println("[RateLimitIT] call 4: " + rejected.status() + " " + rejected.headers().map());
        assertEquals(429, rejected.status(), rejected.toString());
        long retryAfter = Long.parseLong(rejected.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals("3", rejected.header("RateLimit-Limit"));
        assertEquals("0", rejected.header("RateLimit-Remaining"));
        long reset = Long.parseLong(rejected.header("RateLimit-Reset"));
        assertTrue(reset >= 1 && reset <= 60, "RateLimit-Reset " + reset);
        assertEquals("3;w=60", rejected.header("RateLimit-Policy"));
    }

    @Test
    void anotherKeyOfTheSameLimitIsNotAffected(@ArquillianResource URL base) {
        Http.Response first = Http.get(base, "api/limited/user/ada");
        assertEquals("ok ada", first.body());
        assertEquals(null, first.header("RateLimit-Remaining"), "allowed calls carry no headers by default");
        assertEquals("ok ada", Http.getOk(base, "api/limited/user/ada"));
        assertEquals(429, Http.get(base, "api/limited/user/ada").status(), "ada's third call");
        assertEquals("ok bob", Http.getOk(base, "api/limited/user/bob"), "bob has his own count");
    }

    @Test
    void aSecondPrincipalIsNotAffected(@ArquillianResource URL base) {
        assertEquals("ok ada", Http.getOk(base, "api/limited/me", "X-Test-User", "ada"));
        assertEquals("ok ada", Http.getOk(base, "api/limited/me", "X-Test-User", "ada"));
        Http.Response third = Http.get(base, "api/limited/me", "X-Test-User", "ada");
        assertEquals(429, third.status(), "ada's third call: " + third);
        assertEquals("2;w=60", third.header("RateLimit-Policy"));
        assertEquals("ok bob", Http.getOk(base, "api/limited/me", "X-Test-User", "bob"), "bob has his own count");
        assertEquals("ok bob", Http.getOk(base, "api/limited/me", "X-Test-User", "bob"));
        assertEquals(429, Http.get(base, "api/limited/me", "X-Test-User", "bob").status(), "bob's third call");
    }
}
