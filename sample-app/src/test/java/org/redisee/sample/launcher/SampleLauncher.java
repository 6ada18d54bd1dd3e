package org.redisee.sample.launcher;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Runs the sample for a person at a terminal: starts a {@link SampleCluster} (a local Redis and one WildFly node, or
 * two with {@code -Dsample.nodes=2}), prints the URLs and blocks until Ctrl-C, which stops everything.
 *
 * <p>Started by the {@code run} profile of sample-app ({@code exec:java} on the test classpath, so none of this is in
 * the war); {@link SampleCluster.Options#fromSystemProperties()} lists the system properties it reads.
 */
public final class SampleLauncher {

    private SampleLauncher() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        SampleCluster.Options options = SampleCluster.Options.fromSystemProperties();
        Console.say("RedisEE chat sample: Redis + " + options.nodes() + " x WildFly "
                + options.wildflyHome().getFileName().toString().replace("wildfly-", "") + " + "
                + options.war().getFileName());
        SampleCluster cluster = new SampleCluster(options);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "redisee-sample-shutdown"));
        cluster.start();
        printReady(cluster, t0);

        WildFlyNode exited = cluster.anyNodeExit().join();
        if (!cluster.isClosed()) {
            // A node went away by itself: killed, or shut down through its management API.
            Console.say(exited.name() + " exited (see " + exited.serverLog() + "); stopping the rest.");
            cluster.close();
            throw new IllegalStateException(exited.name() + " exited");
        }
    }

    private static void printReady(SampleCluster cluster, long t0) {
        String bar = "=".repeat(76);
        long sinceCommand = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Console.say("");
        Console.say(bar);
        Console.say(String.format(Locale.ROOT, "  READY in %.1f s (%.1f s since the mvn command started)",
                Console.secondsSince(t0), sinceCommand / 1000.0));
        Console.say("");
        for (WildFlyNode node : cluster.nodes()) {
            Console.say(String.format(Locale.ROOT, "  %s  Open:    %s", node.name(), node.appUrl()));
            Console.say(String.format(Locale.ROOT, "          Health:  %s   Metrics: %s", node.healthUrl(),
                    node.metricsUrl()));
            Console.say(String.format(Locale.ROOT, "          Log:     %s", node.serverLog()));
        }
        String cli = cluster.redisCliHint();
        Console.say("  Redis:   " + cluster.redisUrl() + (cli == null ? "" : "   (" + cli + ")"));
        if (cluster.nodes().size() > 1) {
            Console.say("");
            Console.say("  The nodes share sessions through Redis, and a browser sends its localhost cookies to every");
            Console.say("  port: to chat as two users, use a second browser or a private window.");
        }
        Console.say(bar);
        Console.say("");
        Console.say("Press Ctrl-C to stop WildFly and Redis.");
    }
}
