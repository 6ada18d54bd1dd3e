package org.redisee.session;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.security.idm.Account;
import io.undertow.security.api.SecurityContext;
import io.undertow.server.HttpHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.ServletException;
import org.redisee.TestContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A war in a real servlet container (Undertow, as in WildFly) on a {@link TestContainer}: RedisEE's initializer,
 * {@link SessionTestServlet} at {@code /app/s/*}, and {@link RecordingSessionListener}. A request header
 * {@code X-User} logs the caller in, standing in for container authentication; {@code X-Login} does too, and hands the
 * login to the filter as a {@link RedisSessionLogin} mechanism would. Public for other test packages (the
 * reliability suite runs it with beans of its own).
 */
public final class SessionWebApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final TestContainer app;
    private final DeploymentManager manager;
    private final Undertow server;
    private final URI base;

    SessionWebApp(Map<String, String> config) {
        this(config, new Class<?>[0]);
    }

    /** The war with more bean classes in its deployment. */
    public SessionWebApp(Map<String, String> config, Class<?>... beans) {
        app = TestContainer.start(config, beans);
        try {
            DeploymentInfo war = Servlets.deployment()
                    .setClassLoader(app.classLoader())
                    .setContextPath("/app")
                    .setDeploymentName("app.war")
                    .addServletContainerInitializer(new ServletContainerInitializerInfo(RedisSessionInitializer.class,
                            new ImmediateInstanceFactory<>(new RedisSessionInitializer()), Set.of(RecordingSessionListener.class)))
                    .addServlet(Servlets.servlet("session", SessionTestServlet.class).addMapping("/s/*"))
                    .addInnerHandlerChainWrapper(SessionWebApp::headerLogin);
            manager = Servlets.newContainer().addDeployment(war);
            manager.deploy();
            HttpHandler handler = manager.start();
            server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                    .setHandler(Handlers.path().addPrefixPath("/app", handler)).build();
            server.start();
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            base = URI.create("http://127.0.0.1:" + port + "/app/s/");
        } catch (ServletException | RuntimeException e) {
            app.close();
            throw new IllegalStateException("The test war did not start: " + e, e);
        }
    }

    /** GET {@code /app/s/<path>} with the given cookie header (or none) and headers as name, value pairs. */
    public Response get(String path, String cookie, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().allValues("Set-Cookie"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, java.util.List<String> setCookies) {
        /** {@code SESSION=<id>} from the last Set-Cookie of the session cookie, or null. */
        public String cookie() {
            for (int i = setCookies.size() - 1; i >= 0; i--) {
                String header = setCookies.get(i);
                if (header.startsWith("SESSION=")) {
                    return header.substring(0, header.indexOf(';'));
                }
            }
            return null;
        }
    }

    private static HttpHandler headerLogin(HttpHandler next) {
        return exchange -> {
            String login = exchange.getRequestHeaders().getFirst("X-Login");
            String user = login != null ? login : exchange.getRequestHeaders().getFirst("X-User");
            if (login != null) {
                exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY).getServletRequest()
                        .setAttribute(SessionLogin.ATTRIBUTE, new SessionLogin(login, Set.of("user")));
            }
            if (user != null) {
                SecurityContext security = exchange.getSecurityContext();
                Principal principal = () -> user;
                security.authenticationComplete(new Account() {
                    @Override
                    public Principal getPrincipal() {
                        return principal;
                    }

                    @Override
                    public Set<String> getRoles() {
                        return Set.of("user");
                    }
                }, "X-User", false);
            }
            next.handleRequest(exchange);
        };
    }

    @Override
    public void close() {
        server.stop();
        try {
            manager.stop();
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
        manager.undeploy();
        app.close();
    }
}
