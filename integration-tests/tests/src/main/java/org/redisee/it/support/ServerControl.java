package org.redisee.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentScenario;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentTargetDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.context.ContainerContext;
import org.jboss.arquillian.container.spi.context.DeploymentContext;
import org.jboss.arquillian.container.spi.event.ContainerControlEvent;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.StartContainer;
import org.jboss.arquillian.container.spi.event.StopContainer;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;

/**
 * Restarts the server JVM under test in the middle of a test, and tells where a deployment answers. Client side only;
 * inject it with {@code @ArquillianResource ServerControl} (see {@link ServerControlExtension}).
 *
 * <p>How a server restarts is set per server module by the system property {@code it.restart}:
 * <ul>
 *   <li>{@code container} (WildFly): Arquillian stops its managed container (a {@code :shutdown}, then the adapter
 *       waits for the JVM to exit) and starts it again (a new JVM through the adapter's launcher). The deployments
 *       stay deployed: WildFly keeps them in its configuration and its content repository and deploys them again
 *       while it boots, as after any restart. Arquillian's own {@code ContainerController} cannot do this, since it
 *       only controls containers in manual mode, and those are not started for the other tests.</li>
 *   <li>{@code asadmin} (Payara Server): {@code asadmin restart-domain domain1}, which stops the domain's JVM and
 *       starts a new one, and returns once it is up; the deployments come back from {@code domain.xml}. Not through
 *       the adapter: its {@code stop()} works once per JVM only (3.0.alpha7 appends the domain name to a shared
 *       argument list on each stop, so a second {@code stop-domain} at the end of the run would fail and leave the
 *       server running).</li>
 *   <li>{@code redeploy} (Payara Micro): the adapter runs one JVM per deployment, so each deployed deployment is
 *       undeployed (the adapter ends its JVM; this waits until that JVM has exited) and deployed again (a new JVM,
 *       possibly on another port: ask {@link #url} again).</li>
 * </ul>
 */
public final class ServerControl {

    /** How long a stopped server JVM may take to exit. */
    private static final long EXIT_SECONDS = 60;

    @Inject
    private Instance<ContainerRegistry> registry;

    @Inject
    private Instance<DeploymentScenario> scenario;

    @Inject
    private Event<ContainerControlEvent> control;

    @Inject
    private Instance<ContainerContext> containerContext;

    @Inject
    private Instance<DeploymentContext> deploymentContext;

    @Inject
    private Instance<ProtocolMetaData> protocolMetaData;

    /**
     * Restarts the server JVM (see the class comment for each server); returns once the server is up again, with its
     * deployments deployed (they may still be starting: poll them). The returned text says what was done.
     */
    public String restart() {
        String how = System.getProperty("it.restart");
        if (how == null || how.isBlank()) {
            throw new IllegalStateException("System property it.restart is not set: the server module's failsafe "
                    + "execution must set it (container, asadmin or redeploy) for the tests it runs (or exclude tag "
                    + "restart)");
        }
        return switch (how) {
            case "container" -> restartContainers();
            case "asadmin" -> restartDomain();
            case "redeploy" -> redeployEachDeployment();
            default -> throw new IllegalStateException("it.restart=" + how + ": expected container, asadmin or redeploy");
        };
    }

    /** The base URL of a deployed deployment, {@code http://host:port/<war name>/}, as the server reports it now. */
    public URL url(String deploymentName) {
        Deployment deployment = deployment(deploymentName);
        if (!deployment.isDeployed()) {
            throw new IllegalStateException("Deployment " + deploymentName + " is not deployed");
        }
        Container container = registry.get().getContainer(deployment.getDescription().getTarget());
        containerContext.get().activate(container.getName());
        deploymentContext.get().activate(deployment);
        try {
            ProtocolMetaData metaData = protocolMetaData.get();
            if (metaData == null || !metaData.hasContext(HTTPContext.class)) {
                throw new IllegalStateException("No HTTP context for deployment " + deploymentName + ": " + metaData);
            }
            HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
            String war = deployment.getDescription().getArchive().getName();
            String contextRoot = war.endsWith(".war") ? war.substring(0, war.length() - 4) : war;
            return new URL(http.getScheme(), http.getHost(), http.getPort(), "/" + contextRoot + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } finally {
            deploymentContext.get().deactivate();
            containerContext.get().deactivate();
        }
    }

    private String restartContainers() {
        Set<Container> containers = new LinkedHashSet<>();
        for (Deployment deployment : scenario.get().deployedDeployments()) {
            containers.add(registry.get().getContainer(deployment.getDescription().getTarget()));
        }
        StringBuilder done = new StringBuilder();
        for (Container container : containers) {
            List<ProcessHandle> jvms = serverJvms();
            long started = System.nanoTime();
            control.fire(new StopContainer(container));
            awaitExit(jvms);
            long stopped = System.nanoTime();
            control.fire(new StartContainer(container));
            done.append(String.format("stopped container %s (server JVM pid %s) in %.1f s, started it again "
                            + "(server JVM pid %s) in %.1f s; ", container.getName(), pids(jvms),
                    (stopped - started) / 1e9, pids(serverJvms()), (System.nanoTime() - stopped) / 1e9));
        }
        return done.toString();
    }

    private String restartDomain() {
        String payaraHome = System.getProperty("payara.home");
        if (payaraHome == null) {
            throw new IllegalStateException("System property payara.home is not set");
        }
        String asJava = System.getenv("AS_JAVA");
        Path java = Path.of(asJava != null ? asJava : System.getProperty("java.home"), "bin", "java");
        Path cli = Path.of(payaraHome, "glassfish", "modules", "admin-cli.jar");
        List<String> command = List.of(java.toString(), "-jar", cli.toString(), "restart-domain", "domain1");
        long started = System.nanoTime();
        try {
            Path output = Files.createTempFile("restart-domain", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(240, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not return within 240 s: "
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                String text = Files.readString(output, StandardCharsets.UTF_8).trim();
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " exited with " + process.exitValue() + ": " + text);
                }
                return String.format("asadmin restart-domain domain1 in %.1f s: %s", (System.nanoTime() - started) / 1e9,
                        text.replaceAll("\\s+", " "));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String redeployEachDeployment() {
        List<Deployment> deployed = new ArrayList<>(scenario.get().deployedDeployments());
        StringBuilder done = new StringBuilder();
        for (Deployment deployment : deployed) {
            Container container = registry.get().getContainer(deployment.getDescription().getTarget());
            List<ProcessHandle> jvms = serverJvms();
            long started = System.nanoTime();
            control.fire(new UnDeployDeployment(container, deployment));
            awaitExit(jvms);
            long stopped = System.nanoTime();
            control.fire(new DeployDeployment(container, deployment));
            if (deployment.hasDeploymentError()) {
                throw new IllegalStateException("Deploying " + deployment.getDescription().getName() + " again failed",
                        deployment.getDeploymentError());
            }
            done.append(String.format("undeployed %s (its JVM pid %s exited) in %.1f s, deployed it again (JVM pid %s)"
                            + " in %.1f s; ", deployment.getDescription().getName(), pids(jvms), (stopped - started) / 1e9,
                    pids(serverJvms()), (System.nanoTime() - stopped) / 1e9));
        }
        return done.toString();
    }

    private Deployment deployment(String name) {
        Deployment deployment = scenario.get().deployment(new DeploymentTargetDescription(name));
        if (deployment == null) {
            throw new IllegalArgumentException("No deployment named " + name);
        }
        return deployment;
    }

    /** Server JVMs started by this (the test) JVM: WildFly's and Payara Micro's; Payara Server's is not a child. */
    private static List<ProcessHandle> serverJvms() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().commandLine().map(ServerControl::isServer).orElse(false))
                .toList();
    }

    private static boolean isServer(String commandLine) {
        return commandLine.contains("jboss-modules.jar") || commandLine.contains("payara-micro");
    }

    private static void awaitExit(List<ProcessHandle> jvms) {
        for (ProcessHandle jvm : jvms) {
            try {
                jvm.onExit().get(EXIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Server JVM pid " + jvm.pid() + " (" + jvm.info().commandLine()
                        .map(c -> c.length() > 200 ? c.substring(0, 200) + "..." : c).orElse("?")
                        + ") still alive " + EXIT_SECONDS + " s after it was stopped", e);
            }
        }
    }

    private static String pids(List<ProcessHandle> jvms) {
        return jvms.isEmpty() ? "none found" : jvms.stream().map(p -> Long.toString(p.pid()))
                .reduce((a, b) -> a + "," + b).orElse("");
    }
}
