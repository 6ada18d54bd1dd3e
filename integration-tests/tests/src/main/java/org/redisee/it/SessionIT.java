package org.redisee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisee.it.session.SessionServlet;
import org.redisee.it.support.Deployments;
import org.redisee.it.support.Http;
import org.redisee.it.support.Poll;
import org.redisee.it.support.ServerControl;
import org.redisee.it.support.SessionBrowser;
import org.redisee.it.support.SharedRedis;

/**
 * HTTP sessions in Redis ({@code redisee.session.enabled=true}): a plain servlet's {@code HttpSession} survives a
 * restart of the server JVM, and two deployments with the same key prefix and Redis, standing for two nodes, share
 * their sessions (the test copies the {@code SESSION} cookie from one context to the other, as a load balancer in
 * front of two nodes on one host name would).
 *
 * <p>{@code session-a} is deployed for the whole class; {@code session-b} only by the two-node test, since the Payara
 * Micro adapter starts one JVM per deployment and loses track of all but the last one. The restart test runs last:
 * it restarts the server (see {@link ServerControl} for how on each server).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionIT {

    static final String A = "session-a";
    static final String B = "session-b";
    static final String COOKIE = "SESSION";
    /** A new key prefix per run: the shared Redis outlives the test. */
    static final String PREFIX = "it-session-" + UUID.randomUUID().toString().substring(0, 8);
    /** How long a restarted server may take until the war answers again. */
    static final Duration BACK = Duration.ofSeconds(120);

    @Deployment(name = A, testable = false)
    static WebArchive nodeA() {
        return node(A);
    }

    @Deployment(name = B, managed = false, testable = false)
    static WebArchive nodeB() {
        return node(B);
    }

    private static WebArchive node(String name) {
        return Deployments.redisApp(name, Map.of("redisee.url", SharedRedis.url(),
                "redisee.key-prefix", PREFIX,
                "redisee.session.enabled", "true")).addPackage(SessionServlet.class.getPackage())
                // WildFly: the login mechanism's callers live in the default security domain (see wildfly/src/test/wildfly)
                .addAsWebInfResource(new StringAsset("<jboss-web><security-domain>other</security-domain></jboss-web>"),
                        "jboss-web.xml")
                // Payara: groups become roles only where mapped (WildFly maps them one to one by default)
                .addAsWebInfResource(new StringAsset("<glassfish-web-app><security-role-mapping><role-name>user</role-name>"
                        + "<group-name>user</group-name></security-role-mapping></glassfish-web-app>"), "glassfish-web.xml");
    }

    @ArquillianResource
    ServerControl server;

    @ArquillianResource
    Deployer deployer;

    @Test
    @Order(1)
    void theSessionCookieIsHttpOnlyOnTheContextPathAndOnlySetForASession() {
        URL a = server.url(A);
        Http.Response read = Http.get(a, "session/get/greeting");
        assertEquals(404, read.status(), "a read without a cookie: " + read);
        assertEquals("no session", read.body(), "a read without a cookie finds no session");
        assertEquals(List.of(), read.headers().allValues("Set-Cookie"), "a read without a session sets no cookie");

        Http.Response set = Http.get(a, "session/set/greeting/hello");
        assertEquals(200, set.status(), set.toString());
        String header = setCookie(set, COOKIE);
        assertNotNull(header, "setting an attribute sets cookie " + COOKIE + "; Set-Cookie headers: "
                + set.headers().allValues("Set-Cookie"));
        List<String> attributes = List.of(header.toLowerCase(Locale.ROOT).split("\\s*;\\s*"));
        assertTrue(attributes.contains("httponly"), "HttpOnly: " + header);
        assertTrue(attributes.contains("path=/" + A), "Path=/" + A + ": " + header);
        assertEquals("hello", Http.getOk(a, "session/get/greeting", "Cookie", cookie(set)));
        assertEquals(200, Http.get(a, "session/invalidate", "Cookie", cookie(set)).status());
    }

    @Test
    @Order(2)
    @Tag("two-deployments")
    void twoNodesShareSessions() {
        URL a = server.url(A);
        long started = System.nanoTime();
        deployer.deploy(B);
        log(String.format("second deployment %s deployed in %.1f s", B, (System.nanoTime() - started) / 1e9));
        try {
            URL b = server.url(B);
            String value = "v" + UUID.randomUUID().toString().substring(0, 8);
            SessionBrowser browser = new SessionBrowser(COOKIE);
            Http.Response set = browser.get(a, "session/set/greeting/" + value);
            assertEquals(200, set.status(), "set on A: " + set);
            assertEquals("HTTP 200: " + value, browser.get(a, "session/get/greeting").toString(), "read back on A");

            assertEquals("HTTP 200: " + value, browser.get(b, "session/get/greeting").toString(),
                    "the attribute set on A, read on B with A's cookie");
            assertEquals(browser.get(a, "session/id").body(), browser.get(b, "session/id").body(), "one session id on both nodes");

            assertEquals(200, browser.get(b, "session/set/from-b/yes").status(), "set on B");
            assertEquals("HTTP 200: yes", browser.get(a, "session/get/from-b").toString(), "set on B, read on A at once");
            assertEquals(200, browser.get(a, "session/remove/from-b").status(), "remove on A");
            assertEquals("HTTP 404: absent", browser.get(b, "session/get/from-b").toString(), "removed on A, read on B at once");

            Http.Response login = browser.get(a, "session/whoami", "X-Login", "ada");
            assertEquals("ada (user)", login.body(), "logged in on A by the mechanism");
            assertEquals("ada (user)", browser.get(b, "session/whoami").body(), "B logs ada in from the session");
            assertEquals("HTTP 200: " + value, browser.get(b, "session/get/greeting").toString(), "the data moved with the new id");
            assertEquals("logged out", browser.get(b, "session/logout").body());
            assertEquals("anonymous", browser.get(a, "session/whoami").body(), "logged out on B, on A too");

            String lastCookie = browser.cookie();
            Http.Response invalidated = browser.get(b, "session/invalidate");
            assertEquals(200, invalidated.status(), "invalidate on B: " + invalidated);
            assertEquals(null, browser.cookie(), "the invalidation deletes the cookie");
            assertEquals("HTTP 404: no session", browser.get(a, "session/get/greeting").toString(), "invalidated on B, read on A");
            // A replayed cookie of the ended session: refused on every node once the invalidation has reached it
            // (a Redis message; docs/sessions.md, "The local copy").
            Poll.until("the ended session refused on A", Duration.ofSeconds(5),
                    () -> Http.get(a, "session/get/greeting", "Cookie", lastCookie), r -> r.status() == 404);
            assertEquals("HTTP 404: no session", Http.get(b, "session/id", "Cookie", lastCookie).toString(),
                    "invalidated on B, replayed on B");
        } finally {
            deployer.undeploy(B);
        }
    }

    /** Last: it restarts the server. */
    @Test
    @Order(3)
    @Tag("restart")
    void aSessionAttributeSurvivesAServerRestart() {
        URL a = server.url(A);
        String jvmBefore = Http.getOk(a, "session/jvm");
        String value = "v" + UUID.randomUUID().toString().substring(0, 8);
        SessionBrowser browser = new SessionBrowser(COOKIE);
        Http.Response set = browser.get(a, "session/set/greeting/" + value);
        assertEquals(200, set.status(), "set: " + set);
        assertEquals("bob (user)", browser.get(a, "session/whoami", "X-Login", "bob").body(), "logged in");
        assertEquals("HTTP 200: " + value, browser.get(a, "session/get/greeting").toString(), "read back before the restart");
        assertEquals("bob (user)", browser.get(a, "session/whoami").body(), "logged in before the restart");

        long started = System.nanoTime();
        String how = server.restart();
        long restarted = System.nanoTime();
        URL after = server.url(A);
        String jvmAfter = Poll.until(A + " answering again at " + after, BACK,
                () -> Http.get(after, "session/jvm"), r -> r.status() == 200).body();
        long answering = System.nanoTime();
        log(String.format("restart took %.0f s (%.1f s restart, %.1f s until %s answered): %s",
                (answering - started) / 1e9, (restarted - started) / 1e9, (answering - restarted) / 1e9, A, how));
        log("server JVM (pid@start millis) before " + jvmBefore + ", after " + jvmAfter);
        assertNotEquals(jvmBefore, jvmAfter, "a new server JVM after the restart");

        Http.Response read = browser.get(after, "session/get/greeting");
        assertEquals("HTTP 200: " + value, read.toString(), "the attribute after the server restart, same cookie");
        assertEquals("bob (user)", browser.get(after, "session/whoami").body(), "still logged in after the restart");
    }

    /** {@code NAME=value} of the session cookie a response sets, for a {@code Cookie} request header. */
    private static String cookie(Http.Response response) {
        String header = setCookie(response, COOKIE);
        assertNotNull(header, "the response sets cookie " + COOKIE + "; Set-Cookie headers: "
                + response.headers().allValues("Set-Cookie"));
        int end = header.indexOf(';');
        return end < 0 ? header : header.substring(0, end);
    }

    private static String setCookie(Http.Response response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(h -> h.startsWith(name + "="))
                .findFirst().orElse(null);
    }

    private static void log(String message) {
        System.out.println("[SessionIT] " + message);
    }
}
