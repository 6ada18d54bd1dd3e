package org.redisee.testing;

/**
 * Starts Redis for running an application by hand, then waits until the JVM is stopped (Ctrl-C), which stops Redis:
 * <pre>java -cp ... org.redisee.testing.RedisLauncher [standalone|cluster|sentinel]</pre>
 * It prints the MicroProfile Config properties that point RedisEE at the servers, one per line, on stdout.
 */
public final class RedisLauncher {

    private RedisLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        String topology = args.length == 0 ? "standalone" : args[0];
        switch (topology) {
            case "standalone" -> System.out.println("redisee.url=" + RedisServers.standalone().url());
            case "cluster" -> System.out.println("redisee.cluster.nodes=" + String.join(",", RedisServers.cluster().nodeUrls()));
            case "sentinel" -> {
                RedisSentinel sentinel = RedisServers.sentinel();
                System.out.println("redisee.sentinel.nodes=" + String.join(",", sentinel.sentinelUrls()));
                System.out.println("redisee.sentinel.master=" + sentinel.masterName());
            }
            default -> {
                System.err.println("Usage: RedisLauncher [standalone|cluster|sentinel]");
                System.exit(2);
            }
        }
        System.err.println("RedisEE tests: Redis " + topology + " is running; stop with Ctrl-C");
        Thread.currentThread().join();
    }
}
